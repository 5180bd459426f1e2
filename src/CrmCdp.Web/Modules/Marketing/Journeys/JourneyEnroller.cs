using CrmCdp.Web.Modules.Cdp.Contracts;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

/// <summary>
/// Enrols the people who entered a segment into the live journeys that segment triggers: a consumer of the segment change
/// feed, writing in the transaction that moves its checkpoint. Each entry enrols once (a unique trigger key per journey),
/// a person is in a journey once at a time (a unique index), and the re-entry rule is kept.
/// </summary>
[SystemAccess("The change feed enrols people into journeys a marketer published.")]
internal sealed class JourneyEnroller(JourneyVersions versions, JourneyWakeUp wakeUp, TimeProvider timeProvider) : ISegmentChangeConsumer
{
    public string Name => "journeys";

    public async Task HandleAsync(AppDbContext db, IReadOnlyList<SegmentChange> changes, CancellationToken cancellationToken)
    {
        var entries = changes.Where(c => c.Kind == "entered").ToList();
        if (entries.Count == 0)
        {
            return;
        }

        var triggered = (await versions.LiveAsync(db, cancellationToken)).Where(j => j.Definition.Trigger is { Type: JourneyTriggerTypes.SegmentEntered, SegmentId: not null }).ToList();
        var now = timeProvider.GetUtcNow();
        var enrolled = 0;
        foreach (var entry in entries)
        {
            foreach (var (journeyId, version, definition) in triggered.Where(j => j.Definition.Trigger!.SegmentId == entry.SegmentId))
            {
                enrolled += await EnrolAsync(db, journeyId, version, definition, entry.ProfileId, $"segment:{entry.Id}", now, cancellationToken);
            }
        }

        if (enrolled > 0)
        {
            wakeUp.Wake();
        }
    }

    /// <summary>Enrols the person unless the re-entry rule or an enrolment already running says no; answers 1 when enrolled.</summary>
    public static Task<int> EnrolAsync(
        AppDbContext db, Guid journeyId, int version, JourneyDefinition definition, Guid profileId, string triggerKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // never: anyone enrolled before stays out. after N days: out while their last entry is more recent than that.
        var blockedSince = definition.Reentry is { Mode: "after", Days: { } days } ? now.AddDays(-days) : DateTimeOffset.MinValue;
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO mkt_journey_enrolments (journey_id, version, profile_id, trigger_key, status, step_id, step_since, next_run_at, entered_at, path, errors)
            SELECT {journeyId}, {version}, {profileId}, {triggerKey}, 'active', {definition.Start}, {now}, {now}, {now}, '[]'::jsonb, 0
            WHERE NOT EXISTS (
                SELECT 1 FROM mkt_journey_enrolments e
                WHERE e.journey_id = {journeyId} AND e.profile_id = {profileId} AND (e.status = 'active' OR e.entered_at > {blockedSince}))
            ON CONFLICT DO NOTHING
            """, cancellationToken);
    }
}

/// <summary>Enrols many people at once (a schedule, a list): one statement, the same rules as one by one.</summary>
internal static class JourneyBulkEnrolment
{
    /// <summary>Answers how many were enrolled; each person's trigger key is <paramref name="keyPrefix"/> and their profile id.</summary>
    public static Task<int> EnrolAsync(
        AppDbContext db, LiveJourney journey, IReadOnlyCollection<Guid> profileIds, string keyPrefix, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var blockedSince = journey.Definition.Reentry is { Mode: "after", Days: { } days } ? now.AddDays(-days) : DateTimeOffset.MinValue;
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO mkt_journey_enrolments (journey_id, version, profile_id, trigger_key, status, step_id, step_since, next_run_at, entered_at, path, errors)
            SELECT {journey.Id}, {journey.Version}, p.id, {keyPrefix} || p.id::text, 'active', {journey.Definition.Start}, {now}, {now}, {now}, '[]'::jsonb, 0
            FROM (SELECT DISTINCT id FROM unnest({profileIds.ToArray()}) AS u(id)) p
            WHERE NOT EXISTS (
                SELECT 1 FROM mkt_journey_enrolments e
                WHERE e.journey_id = {journey.Id} AND e.profile_id = p.id AND (e.status = 'active' OR e.entered_at > {blockedSince}))
            ON CONFLICT DO NOTHING
            """, cancellationToken);
    }
}

/// <summary>Lets the journey runner start at once when people were enrolled, instead of at its next poll.</summary>
internal sealed class JourneyWakeUp : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0);

    public void Wake()
    {
        if (_signal.CurrentCount == 0)
        {
            _signal.Release();
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}
