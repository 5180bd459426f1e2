using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Cdp.Profiles;

/// <summary>A unified customer profile: the identifiers that resolved to it, its traits, activity counts and CRM link.</summary>
internal sealed class Profile
{
    public Guid Id { get; set; }

    /// <summary>Creation order: the oldest profile survives a merge.</summary>
    public long Seq { get; set; }

    /// <summary>Set when this profile was merged into another; lookups answer with the survivor.</summary>
    public Guid? MergedIntoId { get; set; }

    /// <summary>Current traits (jsonb object): the latest value of each by event time.</summary>
    public string Traits { get; set; } = "{}";

    /// <summary>Per trait: when it was set, by which source and event (jsonb object).</summary>
    public string TraitSources { get; set; } = "{}";

    public DateTimeOffset FirstSeenAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    public long EventCount { get; set; }

    public Guid? ContactId { get; set; }

    /// <summary>
    /// Consent state (jsonb): <c>categoryPreferences</c> from the latest event's <c>context.consent</c>, and <c>email</c> /
    /// <c>sms</c> from the linked contact; every change is in <see cref="ConsentChange"/>.
    /// </summary>
    public string Consent { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One identifier and the one live profile it belongs to.</summary>
internal sealed class ProfileIdentifier
{
    public string Type { get; set; } = "";

    public string Value { get; set; } = "";

    public Guid ProfileId { get; set; }

    public DateTimeOffset FirstSeenAt { get; set; }
}

/// <summary>The append-only merge log: every merge (and split) with the identifier, event and rule that caused it.</summary>
internal sealed class ProfileMerge
{
    public long Id { get; set; }

    /// <summary>merge or split.</summary>
    public string Kind { get; set; } = "merge";

    public Guid SurvivorId { get; set; }

    public Guid MergedId { get; set; }

    public string? ViaType { get; set; }

    public string? ViaValue { get; set; }

    public string? AnchorType { get; set; }

    public string? AnchorValue { get; set; }

    public long? EventId { get; set; }

    public string Rule { get; set; } = "";

    public Guid? ActorUserId { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>One change of a profile's consent: from an event (its categoryPreferences) or from the CRM contact.</summary>
internal sealed class ConsentChange
{
    public long Id { get; set; }

    public Guid ProfileId { get; set; }

    /// <summary>event, crm or unsubscribe (a marketing email's unsubscribe link).</summary>
    public string Source { get; set; } = "event";

    public long? EventId { get; set; }

    public Guid? ContactId { get; set; }

    /// <summary>The consent after the change (jsonb).</summary>
    public string State { get; set; } = "{}";

    public DateTimeOffset At { get; set; }
}

/// <summary>How far identity resolution has followed the events table.</summary>
internal sealed class ResolutionCheckpoint
{
    public string Name { get; set; } = "";

    public long LastEventId { get; set; }

    public DateTimeOffset? LastReceivedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class ProfileConfiguration :
    IEntityTypeConfiguration<Profile>, IEntityTypeConfiguration<ProfileIdentifier>, IEntityTypeConfiguration<ProfileMerge>, IEntityTypeConfiguration<ResolutionCheckpoint>,
    IEntityTypeConfiguration<ConsentChange>
{
    public void Configure(EntityTypeBuilder<Profile> builder)
    {
        builder.ToTable("cdp_profiles");
        builder.Property(p => p.Seq).UseIdentityAlwaysColumn();
        builder.Property(p => p.Traits).HasColumnType("jsonb");
        builder.Property(p => p.TraitSources).HasColumnType("jsonb");
        builder.Property(p => p.Consent).HasColumnType("jsonb").HasDefaultValueSql("'{}'::jsonb");
        builder.HasIndex(p => p.Seq).IsUnique();
        builder.HasIndex(p => p.MergedIntoId);
        builder.HasIndex(p => p.ContactId);
        builder.HasIndex(p => p.LastSeenAt);
    }

    public void Configure(EntityTypeBuilder<ProfileIdentifier> builder)
    {
        builder.ToTable("cdp_identifiers");
        builder.HasKey(i => new { i.Type, i.Value });
        builder.Property(i => i.Type).HasMaxLength(64);
        builder.Property(i => i.Value).HasMaxLength(255);
        // (profile, type): resolution probes a profile's identifiers of the counted types; profile-only lookups use its prefix.
        builder.HasIndex(i => new { i.ProfileId, i.Type });
    }

    public void Configure(EntityTypeBuilder<ProfileMerge> builder)
    {
        builder.ToTable("cdp_profile_merges");
        builder.Property(m => m.Kind).HasMaxLength(10);
        builder.Property(m => m.ViaType).HasMaxLength(64);
        builder.Property(m => m.ViaValue).HasMaxLength(255);
        builder.Property(m => m.AnchorType).HasMaxLength(64);
        builder.Property(m => m.AnchorValue).HasMaxLength(255);
        builder.Property(m => m.Rule).HasMaxLength(500);
        builder.HasIndex(m => m.SurvivorId);
        builder.HasIndex(m => m.MergedId);
    }

    public void Configure(EntityTypeBuilder<ConsentChange> builder)
    {
        builder.ToTable("cdp_consent_changes");
        builder.Property(c => c.Source).HasMaxLength(20);
        builder.Property(c => c.State).HasColumnType("jsonb");
        builder.HasIndex(c => new { c.ProfileId, c.At });
    }

    public void Configure(EntityTypeBuilder<ResolutionCheckpoint> builder)
    {
        builder.ToTable("cdp_resolution_checkpoints");
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).HasMaxLength(50);
    }
}
