using CrmCdp.Web.Modules.Cdp.Contracts;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

/// <summary>How far a marketing follower has read its source (the resolved events for event triggers).</summary>
internal sealed class MarketingCheckpoint
{
    public string Name { get; set; } = "";

    public long Position { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class MarketingCheckpointConfiguration : IEntityTypeConfiguration<MarketingCheckpoint>
{
    public void Configure(EntityTypeBuilder<MarketingCheckpoint> builder)
    {
        builder.ToTable("mkt_checkpoints");
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).HasMaxLength(40);
    }
}

/// <summary>
/// Enrols the people who perform a live journey's trigger event (with its property filters): follows the resolved
/// events from its own checkpoint, a window of ids at a time, and enrols in the transaction that moves the checkpoint,
/// once per event (the trigger key) and once at a time per person. With no event-triggered journey it only keeps up.
/// </summary>
[SystemAccess("Events enrol people into journeys a marketer published.")]
internal sealed class JourneyEventEnroller(IDbContextFactory<AppDbContext> dbFactory, IResolvedEventFeed feed, JourneyWakeUp wakeUp, TimeProvider timeProvider)
{
    public const string CheckpointName = "journeys:events";
    private const int Window = 5000;

    /// <summary>Reads one window; answers whether resolution is still ahead.</summary>
    public async Task<bool> EnrolAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var resolved = await feed.ResolvedUpToAsync(db, cancellationToken);
        var now = timeProvider.GetUtcNow();
        // Starts where resolution is: a new installation does not replay history into journeys.
        await db.Database.ExecuteSqlAsync($"INSERT INTO mkt_checkpoints (name, position, updated_at) VALUES ({CheckpointName}, {resolved}, {now}) ON CONFLICT DO NOTHING", cancellationToken);
        var checkpoint = (await db.Set<MarketingCheckpoint>().FromSql($"SELECT * FROM mkt_checkpoints WHERE name = {CheckpointName} FOR UPDATE").ToListAsync(cancellationToken)).Single();
        if (resolved <= checkpoint.Position)
        {
            await transaction.CommitAsync(cancellationToken);
            return false;
        }

        var journeys = await LiveEventJourneysAsync(db, cancellationToken);
        var upTo = journeys.Count == 0 ? resolved : Math.Min(resolved, checkpoint.Position + Window);
        var enrolled = 0;
        if (journeys.Count > 0)
        {
            var names = journeys.Select(j => j.Definition.Trigger!.Event!).Distinct(StringComparer.Ordinal).ToList();
            foreach (var resolvedEvent in await feed.ReadAsync(db, checkpoint.Position, upTo, names, cancellationToken))
            {
                foreach (var (journeyId, version, definition, condition) in journeys.Where(j => feed.Matches(j.Condition, resolvedEvent)))
                {
                    enrolled += await JourneyEnroller.EnrolAsync(db, journeyId, version, definition, resolvedEvent.ProfileId, $"event:{resolvedEvent.Id}", now, cancellationToken);
                }
            }
        }

        (checkpoint.Position, checkpoint.UpdatedAt) = (upTo, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (enrolled > 0)
        {
            wakeUp.Wake();
        }

        return upTo < resolved;
    }

    private static async Task<List<(Guid Id, int Version, JourneyDefinition Definition, System.Text.Json.JsonElement Condition)>> LiveEventJourneysAsync(
        AppDbContext db, CancellationToken cancellationToken)
    {
        var live = await (from j in db.Set<Journey>().AsNoTracking()
                          join v in db.Set<JourneyVersion>().AsNoTracking() on new { JourneyId = j.Id, Version = j.LiveVersion!.Value } equals new { v.JourneyId, v.Version }
                          where j.Status == JourneyStatuses.Live
                          select new { j.Id, v.Version, v.Definition }).ToListAsync(cancellationToken);
        return [.. live.Select(j => (j.Id, j.Version, Definition: JourneyDefinition.Parse(j.Definition)))
            .Where(j => j.Definition.Trigger is { Type: "event", Event: not null })
            .Select(j => (j.Id, j.Version, j.Definition, j.Definition.Trigger!.EventCondition()))];
    }
}
