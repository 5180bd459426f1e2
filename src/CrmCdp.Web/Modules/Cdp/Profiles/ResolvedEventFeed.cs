using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmCdp.Web.Modules.Cdp.Contracts;
using CrmCdp.Web.Modules.Cdp.Segments;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace CrmCdp.Web.Modules.Cdp.Profiles;

[SystemAccess("Journeys follow the events that trigger them; what they do was published by a marketer allowed to.")]
internal sealed class ResolvedEventFeed(TimeProvider timeProvider) : IResolvedEventFeed
{
    private readonly ConcurrentDictionary<string, SegmentCondition> _conditions = new(StringComparer.Ordinal);

    public async Task<long> ResolvedUpToAsync(AppDbContext db, CancellationToken cancellationToken = default) =>
        await db.Set<ResolutionCheckpoint>().Where(c => c.Name == "identity").Select(c => (long?)c.LastEventId).SingleOrDefaultAsync(cancellationToken) ?? 0;

    public async Task<IReadOnlyList<ResolvedEvent>> ReadAsync(AppDbContext db, long after, long upTo, IReadOnlyCollection<string> names, CancellationToken cancellationToken = default)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT e.id, o.profile_id, e.type, e.event, e."timestamp", coalesce(e.payload->'properties', '{}'::jsonb)::text
            FROM cdp_events e JOIN cdp_event_profiles o ON o.event_id = e.id AND o."timestamp" = e."timestamp"
            WHERE e.id > @after AND e.id <= @up_to AND (e.event = ANY(@names) OR e.type = ANY(@names))
            ORDER BY e.id
            """, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("up_to", upTo);
        command.Parameters.Add(new NpgsqlParameter("names", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = names.ToArray() });
        var events = new List<ResolvedEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new ResolvedEvent(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetString(5)));
        }

        return events;
    }

    public bool Matches(JsonElement eventCondition, ResolvedEvent resolved)
    {
        var condition = _conditions.GetOrAdd(eventCondition.GetRawText(), json => JsonSerializer.Deserialize<SegmentCondition>(json, SegmentDefinitions.Json) ?? new SegmentCondition());
        var properties = JsonNode.Parse(resolved.Properties) as JsonObject;
        return SegmentEvaluator.IsCounted(condition, new FactEvent(resolved.Type, resolved.Name, resolved.Timestamp, properties), timeProvider.GetUtcNow());
    }
}
