using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Cdp.TrackingPlans;

/// <summary>
/// The governance of one source: which track events are planned, the JSON Schema of their properties (and of identify
/// traits), and what happens to an event that breaks the plan (<see cref="TrackingPlanModes"/>).
/// </summary>
internal sealed class TrackingPlan
{
    public Guid SourceId { get; set; }

    public string Mode { get; set; } = TrackingPlanModes.Flag;

    public List<TrackingPlanRule> Rules { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid? UpdatedByUserId { get; set; }
}

/// <summary>One planned call: a track event by name, or identify; <see cref="Schema"/> is a JSON Schema of its properties / traits.</summary>
internal sealed class TrackingPlanRule
{
    public string Kind { get; set; } = TrackingPlanRuleKinds.Track;

    public string? Event { get; set; }

    public string Schema { get; set; } = "{}";
}

internal static class TrackingPlanRuleKinds
{
    public const string Track = "track";
    public const string Identify = "identify";
}

public static class TrackingPlanModes
{
    /// <summary>Store every event; violations are recorded on the event and counted.</summary>
    public const string Flag = "flag";

    /// <summary>Remove properties (traits) the rule's schema does not declare, then store and flag what still violates.</summary>
    public const string DropUnplannedProperties = "drop_unplanned_properties";

    /// <summary>Drop (and count) events that are unplanned or violate their schema.</summary>
    public const string Block = "block";

    public static readonly IReadOnlyList<string> All = [Flag, DropUnplannedProperties, Block];
}

internal sealed class TrackingPlanConfiguration : IEntityTypeConfiguration<TrackingPlan>
{
    public void Configure(EntityTypeBuilder<TrackingPlan> builder)
    {
        builder.ToTable("cdp_tracking_plans");
        builder.HasKey(p => p.SourceId);
        builder.Property(p => p.Mode).HasMaxLength(40);
        builder.OwnsMany(p => p.Rules, rules => rules.ToJson());
        builder.HasOne<Sources.Source>().WithOne().HasForeignKey<TrackingPlan>(p => p.SourceId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>How often each rule of a source's plan was broken (flushed from memory every few seconds).</summary>
internal sealed class TrackingPlanViolationCount
{
    public Guid SourceId { get; set; }

    public string Rule { get; set; } = "";

    public long Violations { get; set; }

    public long Blocked { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }
}

internal sealed class TrackingPlanViolationCountConfiguration : IEntityTypeConfiguration<TrackingPlanViolationCount>
{
    public void Configure(EntityTypeBuilder<TrackingPlanViolationCount> builder)
    {
        builder.ToTable("cdp_tracking_plan_violations");
        builder.HasKey(c => new { c.SourceId, c.Rule });
        builder.Property(c => c.Rule).HasMaxLength(300);
    }
}
