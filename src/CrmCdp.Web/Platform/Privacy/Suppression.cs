using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Platform.Privacy;

/// <summary>
/// An identifier whose data must no longer be collected (a "do not sell / do not track" request): event
/// ingestion drops events carrying it and counts them, until the suppression is lifted.
/// </summary>
internal sealed class Suppression
{
    public Guid Id { get; set; }

    public PersonIdentifierKind Kind { get; set; }

    /// <summary>See <see cref="PersonIdentifier.Hash"/>: the value itself is not kept.</summary>
    public string ValueHash { get; set; } = "";

    public string MaskedValue { get; set; } = "";

    public Guid? CreatedByUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LiftedAt { get; set; }

    /// <summary>Events dropped because they carried this identifier.</summary>
    public long DroppedEvents { get; set; }
}

internal sealed class SuppressionConfiguration : IEntityTypeConfiguration<Suppression>
{
    public void Configure(EntityTypeBuilder<Suppression> builder)
    {
        builder.ToTable("platform_privacy_suppressions");
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.ValueHash).HasMaxLength(64);
        builder.Property(s => s.MaskedValue).HasMaxLength(300);
        builder.HasIndex(s => s.ValueHash).IsUnique().HasFilter("lifted_at IS NULL");
    }
}

/// <summary>Asks whether an identifier is suppressed; ingestion calls this for every event's identifiers.</summary>
internal sealed class SuppressionList(IDbContextFactory<AppDbContext> dbFactory)
{
    private long _generation;

    /// <summary>Changes whenever a suppression is added or lifted here, so caches of the list know to reload.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public void Changed() => Interlocked.Increment(ref _generation);

    public async Task<bool> IsSuppressedAsync(PersonIdentifier person, CancellationToken cancellationToken = default)
    {
        var hash = person.Hash();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Suppression>().AnyAsync(s => s.ValueHash == hash && s.LiftedAt == null, cancellationToken);
    }
}
