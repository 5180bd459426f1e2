using System.Collections.Concurrent;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

/// <summary>Published definitions, parsed once: a version never changes after it is published.</summary>
internal sealed class JourneyVersions
{
    private readonly ConcurrentDictionary<(Guid JourneyId, int Version), JourneyDefinition> _parsed = new();

    public async Task<JourneyDefinition?> GetAsync(AppDbContext db, Guid journeyId, int version, CancellationToken cancellationToken)
    {
        if (_parsed.TryGetValue((journeyId, version), out var known))
        {
            return known;
        }

        var json = await db.Set<JourneyVersion>().Where(v => v.JourneyId == journeyId && v.Version == version).Select(v => v.Definition).SingleOrDefaultAsync(cancellationToken);
        return json is null ? null : _parsed.GetOrAdd((journeyId, version), JourneyDefinition.Parse(json));
    }

    /// <summary>The live journeys with the version people enter now.</summary>
    public async Task<List<LiveJourney>> LiveAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var live = await db.Set<Journey>().AsNoTracking().Where(j => j.Status == JourneyStatuses.Live && j.LiveVersion != null)
            .Select(j => new { j.Id, Version = j.LiveVersion!.Value }).ToListAsync(cancellationToken);
        var journeys = new List<LiveJourney>();
        foreach (var journey in live)
        {
            if (await GetAsync(db, journey.Id, journey.Version, cancellationToken) is { } definition)
            {
                journeys.Add(new LiveJourney(journey.Id, journey.Version, definition));
            }
        }

        return journeys;
    }

    /// <summary>
    /// The events people in each published journey may be waiting for, in any of its versions: its goal's and its
    /// wait_until_event steps'. When one arrives, the people of that journey who performed it are taken up at once.
    /// </summary>
    public async Task<Dictionary<Guid, HashSet<string>>> AwaitedEventsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var versions = await (from v in db.Set<JourneyVersion>().AsNoTracking()
                              join j in db.Set<Journey>().AsNoTracking() on v.JourneyId equals j.Id
                              where j.Status != JourneyStatuses.Draft
                              select new { v.JourneyId, v.Version }).ToListAsync(cancellationToken);
        var awaited = new Dictionary<Guid, HashSet<string>>();
        foreach (var version in versions)
        {
            var definition = await GetAsync(db, version.JourneyId, version.Version, cancellationToken);
            var names = (definition?.Steps ?? []).Where(s => s.Type == JourneyStepTypes.WaitUntilEvent).Select(s => s.Event)
                .Append(definition?.Goal?.Event).OfType<string>().ToList();
            if (names.Count > 0)
            {
                (awaited.TryGetValue(version.JourneyId, out var set) ? set : awaited[version.JourneyId] = new HashSet<string>(StringComparer.Ordinal)).UnionWith(names);
            }
        }

        return awaited;
    }
}

/// <summary>A live journey and the version people enter now.</summary>
internal sealed record LiveJourney(Guid Id, int Version, JourneyDefinition Definition);
