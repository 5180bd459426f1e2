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
}
