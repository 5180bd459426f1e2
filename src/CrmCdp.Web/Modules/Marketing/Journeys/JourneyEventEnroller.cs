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
        builder.Property(c => c.Name).HasMaxLength(80);
    }
}

/// <summary>
/// Follows the resolved events from its own checkpoint, a window of ids at a time, in the transaction that moves the
/// checkpoint: enrols the people who perform a live journey's trigger event (with its property filters), once per event
/// (the trigger key) and once at a time per person; and takes up at once the people of a journey whose goal or awaited
/// event (a wait_until_event step's) they just performed, so they leave or go on without waiting for their timer.
/// </summary>
[SystemAccess("Events enrol people into journeys a marketer published.")]
internal sealed class JourneyEventEnroller(IDbContextFactory<AppDbContext> dbFactory, IResolvedEventFeed feed, JourneyVersions versions, JourneyWakeUp wakeUp, TimeProvider timeProvider)
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

        var journeys = (await versions.LiveAsync(db, cancellationToken)).Where(j => j.Definition.Trigger is { Type: JourneyTriggerTypes.Event, Event: not null })
            .Select(j => (j.Id, j.Version, j.Definition, Condition: j.Definition.Trigger!.EventCondition())).ToList();
        var awaited = await versions.AwaitedEventsAsync(db, cancellationToken);
        var names = journeys.Select(j => j.Definition.Trigger!.Event!).Concat(awaited.Values.SelectMany(n => n)).Distinct(StringComparer.Ordinal).ToList();
        var upTo = names.Count == 0 ? resolved : Math.Min(resolved, checkpoint.Position + Window);
        var enrolled = 0;
        var takeUp = new HashSet<(Guid JourneyId, Guid ProfileId)>();
        foreach (var resolvedEvent in names.Count == 0 ? [] : await feed.ReadAsync(db, checkpoint.Position, upTo, names, cancellationToken))
        {
            foreach (var (journeyId, version, definition, condition) in journeys.Where(j => feed.Matches(j.Condition, resolvedEvent)))
            {
                enrolled += await JourneyEnroller.EnrolAsync(db, journeyId, version, definition, resolvedEvent.ProfileId, $"event:{resolvedEvent.Id}", now, cancellationToken);
            }

            foreach (var (journeyId, _) in awaited.Where(a => a.Value.Contains(resolvedEvent.Type) || (resolvedEvent.Name is { } name && a.Value.Contains(name))))
            {
                takeUp.Add((journeyId, resolvedEvent.ProfileId));
            }
        }

        // Property filters and the moment are the step's to judge: those taken up for nothing wait on.
        var woken = takeUp.Count == 0 ? 0 : await db.Database.ExecuteSqlAsync($"""
            UPDATE mkt_journey_enrolments e SET next_run_at = {now}
            FROM unnest({takeUp.Select(t => t.JourneyId).ToArray()}, {takeUp.Select(t => t.ProfileId).ToArray()}) AS w(journey_id, profile_id)
            WHERE e.journey_id = w.journey_id AND e.profile_id = w.profile_id AND e.status = 'active' AND e.next_run_at > {now}
            """, cancellationToken);
        (checkpoint.Position, checkpoint.UpdatedAt) = (upTo, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (enrolled + woken > 0)
        {
            wakeUp.Wake();
        }

        return upTo < resolved;
    }
}
