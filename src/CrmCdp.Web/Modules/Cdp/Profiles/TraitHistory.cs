using System.Text.Json;
using CrmCdp.Web.Modules.Cdp.Identity;

namespace CrmCdp.Web.Modules.Cdp.Profiles;

/// <summary>
/// Each trait's history, newest first: every value it took in the profile's events (identify traits, then
/// context.traits), in event-time order, keeping only real changes; from the latest 1,000 events that carry traits.
/// </summary>
internal sealed class TraitHistory(IDbContextFactory<AppDbContext> dbFactory, IdentityRulesProvider rulesProvider)
{
    private const string LatestTraitEventsSql = $"""
        SELECT * FROM (
            SELECT id, source_id, "timestamp", (payload->'context'->'traits')::text AS context_traits,
                   CASE WHEN type = 'identify' THEN (payload->'traits')::text END AS traits
            FROM cdp_events WHERE {EventMembership.Predicate} AND (type = 'identify' OR payload->'context' ? 'traits')
            ORDER BY "timestamp" DESC, id DESC LIMIT 1000) latest
        ORDER BY "timestamp", id
        """;

    public async Task<OperationResult<IReadOnlyList<TraitChangeDto>>> OfAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.ProfilesRead))
        {
            return OperationResult<IReadOnlyList<TraitChangeDto>>.Forbidden(ProfileAccess.CannotRead);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.SurvivorOfAsync(id, cancellationToken) is not { } survivor)
        {
            return OperationResult<IReadOnlyList<TraitChangeDto>>.NotFound();
        }

        var membership = await EventMembership.OfAsync(db, survivor, rulesProvider, cancellationToken);
        var rows = await db.Database.SqlQueryRaw<TraitEventRow>(LatestTraitEventsSql, membership.Parameters()).ToListAsync(cancellationToken);
        var changes = new List<TraitChangeDto>();
        var current = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            foreach (var json in new[] { row.ContextTraits, row.Traits })
            {
                if (json is null || JsonSerializer.Deserialize<JsonElement>(json) is not { ValueKind: JsonValueKind.Object } traits)
                {
                    continue;
                }

                foreach (var trait in traits.EnumerateObject())
                {
                    var raw = trait.Value.GetRawText();
                    if (current.TryGetValue(trait.Name, out var previous) && previous == raw)
                    {
                        continue;
                    }

                    current[trait.Name] = raw;
                    changes.Add(new TraitChangeDto(trait.Name, trait.Value.Clone(), row.Timestamp, row.SourceId, row.Id));
                }
            }
        }

        changes.Reverse();
        return OperationResult<IReadOnlyList<TraitChangeDto>>.Ok(ProfileAccess.SeesPii(access)
            ? changes
            : [.. changes.Select(c => c with { Value = ProfilePii.MaskTrait(c.Name, c.Value) })]);
    }

    private sealed class TraitEventRow
    {
        public long Id { get; set; }

        public Guid SourceId { get; set; }

        public DateTimeOffset Timestamp { get; set; }

        public string? ContextTraits { get; set; }

        public string? Traits { get; set; }
    }
}
