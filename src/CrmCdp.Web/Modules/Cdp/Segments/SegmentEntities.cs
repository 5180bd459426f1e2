using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>An audience: a condition tree over profiles, its current members, and optionally an activation into the CRM.</summary>
internal sealed class Segment
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>The condition tree (jsonb), as <see cref="SegmentCondition"/>.</summary>
    public string Definition { get; set; } = "{}";

    /// <summary>
    /// When set, the audience is used (exported, activated) only for profiles that granted this consent category:
    /// a key of <c>context.consent.categoryPreferences</c>, or <c>email</c> / <c>sms</c> from the CRM contact.
    /// </summary>
    public string? ConsentCategory { get; set; }

    public bool ActivationEnabled { get; set; }

    /// <summary>Entries from this time on become CRM tasks; members from before stay as they were.</summary>
    public DateTimeOffset? ActivationEnabledAt { get; set; }

    /// <summary>The task's title; {segment} and {name} are filled in.</summary>
    public string TaskTitle { get; set; } = "";

    public int TaskDueInDays { get; set; } = 1;

    public long MemberCount { get; set; }

    /// <summary>
    /// A fixed list (made from an insight's people): its members were written once and stay; no evaluation touches them,
    /// and its definition is empty.
    /// </summary>
    public bool IsStatic { get; set; }

    public DateTimeOffset? LastComputedAt { get; set; }

    public Guid? CreatedByUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public uint Version { get; set; }
}

internal sealed class SegmentMember
{
    public Guid SegmentId { get; set; }

    public Guid ProfileId { get; set; }

    public DateTimeOffset EnteredAt { get; set; }
}

/// <summary>Append-only history of entries and exits; activation follows the entries.</summary>
internal sealed class SegmentMembershipChange
{
    public long Id { get; set; }

    public Guid SegmentId { get; set; }

    public Guid ProfileId { get; set; }

    /// <summary>entered or exited.</summary>
    public string Kind { get; set; } = "";

    public DateTimeOffset At { get; set; }
}

/// <summary>What activation did with one entry: created a task, or skipped it and why. One row per entry (idempotence).</summary>
internal sealed class SegmentActivation
{
    public long Id { get; set; }

    public long ChangeId { get; set; }

    public Guid SegmentId { get; set; }

    public Guid ProfileId { get; set; }

    /// <summary>task_created, no_contact or no_consent.</summary>
    public string Outcome { get; set; } = "";

    public Guid? TaskId { get; set; }

    public DateTimeOffset At { get; set; }
}

internal sealed class SegmentConfiguration :
    IEntityTypeConfiguration<Segment>, IEntityTypeConfiguration<SegmentMember>, IEntityTypeConfiguration<SegmentMembershipChange>, IEntityTypeConfiguration<SegmentActivation>
{
    public void Configure(EntityTypeBuilder<Segment> builder)
    {
        builder.ToTable("cdp_segments");
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.Description).HasMaxLength(1000);
        builder.Property(s => s.Definition).HasColumnType("jsonb");
        builder.Property(s => s.ConsentCategory).HasMaxLength(100);
        builder.Property(s => s.TaskTitle).HasMaxLength(200);
        // A revision bumped by edits only: the minute refresh writes member counts without making open editors stale.
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasIndex(s => s.Name).IsUnique();
    }

    public void Configure(EntityTypeBuilder<SegmentMember> builder)
    {
        builder.ToTable("cdp_segment_members");
        builder.HasKey(m => new { m.SegmentId, m.ProfileId });
        builder.HasOne<Segment>().WithMany().HasForeignKey(m => m.SegmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.ProfileId);
        builder.HasIndex(m => new { m.SegmentId, m.EnteredAt });
    }

    public void Configure(EntityTypeBuilder<SegmentMembershipChange> builder)
    {
        builder.ToTable("cdp_segment_changes");
        builder.Property(c => c.Kind).HasMaxLength(10);
        builder.HasOne<Segment>().WithMany().HasForeignKey(c => c.SegmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.SegmentId, c.At });
        builder.HasIndex(c => c.ProfileId);
    }

    public void Configure(EntityTypeBuilder<SegmentActivation> builder)
    {
        builder.ToTable("cdp_segment_activations");
        builder.Property(a => a.Outcome).HasMaxLength(20);
        builder.HasOne<Segment>().WithMany().HasForeignKey(a => a.SegmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.ChangeId).IsUnique();
        builder.HasIndex(a => new { a.SegmentId, a.At });
        builder.HasIndex(a => a.ProfileId);
    }
}
