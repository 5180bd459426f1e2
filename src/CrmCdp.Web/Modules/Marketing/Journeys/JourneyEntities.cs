using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

internal static class JourneyStatuses
{
    public const string Draft = "draft";
    public const string Live = "live";
    public const string Paused = "paused";
}

/// <summary>A journey: its draft definition, and the version people enter while it is live.</summary>
internal sealed class Journey
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>draft (never published), live or paused.</summary>
    public string Status { get; set; } = JourneyStatuses.Draft;

    /// <summary>The definition being edited (jsonb); publishing freezes it as a new version when it changed.</summary>
    public string Draft { get; set; } = "{}";

    public int? LiveVersion { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A published definition, never changed again: people who entered it finish it even after a newer one is published.</summary>
internal sealed class JourneyVersion
{
    public Guid JourneyId { get; set; }

    public int Version { get; set; }

    public string Definition { get; set; } = "{}";

    public DateTimeOffset PublishedAt { get; set; }

    public Guid? PublishedByUserId { get; set; }
}

internal static class EnrolmentStatuses
{
    public const string Active = "active";
    public const string Completed = "completed";
    public const string Goal = "goal";
    public const string Exited = "exited";
    public const string Failed = "failed";
}

/// <summary>One person's way through one journey version: where they are, since when, when they are due, and the path so far.</summary>
internal sealed class JourneyEnrolment
{
    public long Id { get; set; }

    public Guid JourneyId { get; set; }

    public int Version { get; set; }

    public Guid ProfileId { get; set; }

    /// <summary>What enrolled them, unique per journey (e.g. <c>segment:{change id}</c>), so a trigger enrols once.</summary>
    public string TriggerKey { get; set; } = "";

    public string Status { get; set; } = EnrolmentStatuses.Active;

    public string StepId { get; set; } = "";

    public DateTimeOffset StepSince { get; set; }

    /// <summary>When the runner takes them up next (a wait's end, or now).</summary>
    public DateTimeOffset NextRunAt { get; set; }

    /// <summary>Set while they wait on a wait step.</summary>
    public DateTimeOffset? WaitUntil { get; set; }

    public DateTimeOffset EnteredAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The steps taken (jsonb array of {step, at, outcome}).</summary>
    public string Path { get; set; } = "[]";

    public int Errors { get; set; }

    public string? LastError { get; set; }
}

/// <summary>A step done for a person: written with the step's effect in one transaction, unique per visit, so no effect happens twice.</summary>
internal sealed class JourneyStepRun
{
    public long Id { get; set; }

    public long EnrolmentId { get; set; }

    public Guid JourneyId { get; set; }

    public string StepId { get; set; } = "";

    /// <summary>The how-manieth time this person reached the step (a loop through a wait comes back).</summary>
    public int Visit { get; set; }

    /// <summary>done, then / else (a branch), sent, created, or skipped:{reason}.</summary>
    public string Outcome { get; set; } = "";

    public DateTimeOffset At { get; set; }
}

internal sealed class JourneyConfiguration :
    IEntityTypeConfiguration<Journey>, IEntityTypeConfiguration<JourneyVersion>, IEntityTypeConfiguration<JourneyEnrolment>, IEntityTypeConfiguration<JourneyStepRun>
{
    public void Configure(EntityTypeBuilder<Journey> builder)
    {
        builder.ToTable("mkt_journeys");
        builder.Property(j => j.Name).HasMaxLength(200);
        builder.Property(j => j.Status).HasMaxLength(20);
        builder.Property(j => j.Draft).HasColumnType("jsonb");
    }

    public void Configure(EntityTypeBuilder<JourneyVersion> builder)
    {
        builder.ToTable("mkt_journey_versions");
        builder.HasKey(v => new { v.JourneyId, v.Version });
        builder.Property(v => v.Definition).HasColumnType("jsonb");
        builder.HasOne<Journey>().WithMany().HasForeignKey(v => v.JourneyId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<JourneyEnrolment> builder)
    {
        builder.ToTable("mkt_journey_enrolments");
        builder.Property(e => e.TriggerKey).HasMaxLength(100);
        builder.Property(e => e.Status).HasMaxLength(20);
        builder.Property(e => e.StepId).HasMaxLength(40);
        builder.Property(e => e.Path).HasColumnType("jsonb");
        builder.Property(e => e.LastError).HasMaxLength(1000);
        builder.HasIndex(e => new { e.JourneyId, e.TriggerKey }).IsUnique();
        // A person is in a journey at most once at a time, whatever instance enrols them.
        builder.HasIndex(e => new { e.JourneyId, e.ProfileId }).IsUnique().HasFilter("status = 'active'").HasDatabaseName("ix_mkt_journey_enrolments_active_person");
        builder.HasIndex(e => new { e.JourneyId, e.ProfileId });
        builder.HasIndex(e => e.ProfileId);
        builder.HasIndex(e => e.NextRunAt).HasFilter("status = 'active'");
        builder.HasOne<Journey>().WithMany().HasForeignKey(e => e.JourneyId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<JourneyStepRun> builder)
    {
        builder.ToTable("mkt_journey_step_runs");
        builder.Property(r => r.StepId).HasMaxLength(40);
        builder.Property(r => r.Outcome).HasMaxLength(100);
        builder.HasIndex(r => new { r.EnrolmentId, r.StepId, r.Visit }).IsUnique();
        builder.HasIndex(r => new { r.JourneyId, r.StepId });
        builder.HasOne<JourneyEnrolment>().WithMany().HasForeignKey(r => r.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
