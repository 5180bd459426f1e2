using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>
/// A number computed for every profile from its recent events: the sum of each listed event's points times how
/// often it happened in the window, optionally capped. A count of one event is one rule of 1 point; the intent
/// score is a weighted sum capped at 100.
/// </summary>
internal sealed class ComputedTrait
{
    public Guid Id { get; set; }

    /// <summary>The name segments and the API use (<c>intent_score</c>).</summary>
    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    public int WindowDays { get; set; } = 30;

    /// <summary>The rules (jsonb array of {event, points}).</summary>
    public string Rules { get; set; } = "[]";

    public decimal? Cap { get; set; }

    public DateTimeOffset? LastComputedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A computed trait's value for one profile; a missing row means 0.</summary>
internal sealed class ProfileComputedValue
{
    public Guid ProfileId { get; set; }

    public string Key { get; set; } = "";

    public decimal Value { get; set; }

    public DateTimeOffset ComputedAt { get; set; }
}

public sealed record ComputedTraitRule(string Event, decimal Points);

internal sealed class ComputedTraitConfiguration : IEntityTypeConfiguration<ComputedTrait>, IEntityTypeConfiguration<ProfileComputedValue>
{
    public void Configure(EntityTypeBuilder<ComputedTrait> builder)
    {
        builder.ToTable("cdp_computed_traits");
        builder.Property(t => t.Key).HasMaxLength(64);
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Rules).HasColumnType("jsonb");
        builder.HasIndex(t => t.Key).IsUnique();
    }

    public void Configure(EntityTypeBuilder<ProfileComputedValue> builder)
    {
        builder.ToTable("cdp_profile_computed");
        builder.HasKey(v => new { v.ProfileId, v.Key });
        builder.Property(v => v.Key).HasMaxLength(64);
        builder.HasIndex(v => new { v.Key, v.Value });
    }
}
