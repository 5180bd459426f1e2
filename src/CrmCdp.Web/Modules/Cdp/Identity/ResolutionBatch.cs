using System.Text.Json.Nodes;
using CrmCdp.Web.Platform.ContactPoints;
using Npgsql;
using NpgsqlTypes;

namespace CrmCdp.Web.Modules.Cdp.Identity;

/// <summary>
/// One step of identity resolution, inside the caller's transaction: reads the next events after the checkpoint, loads
/// the part of the graph they touch (set-based), resolves them in order in memory and writes identifiers, profiles,
/// merges and the checkpoint back with a handful of statements.
/// </summary>
internal sealed partial class ResolutionBatch(NpgsqlConnection connection, NpgsqlTransaction transaction, IdentityRules rules, ContactPointNormalizer normalizer)
{
    public const string CheckpointName = "identity";

    private readonly Dictionary<Guid, ProfileState> _states = [];
    private readonly List<(Identifier Identifier, Guid Profile, DateTimeOffset At)> _newIdentifiers = [];
    private readonly List<(MergeRecord Merge, long EventId, DateTimeOffset At)> _merges = [];
    private IdentityGraph _graph = null!;

    public async Task<BatchOutcome> RunAsync(int size, TimeSpan safetyLag, CancellationToken cancellationToken)
    {
        var checkpoint = await CheckpointAsync(cancellationToken);
        var events = await NextEventsAsync(checkpoint, size, safetyLag, cancellationToken);
        if (events.Count == 0)
        {
            return new BatchOutcome(0, 0, null);
        }

        var identifiers = events.ToDictionary(e => e.Id, e => e.Identifiers(normalizer, _ => false));
        var aliasCandidates = events.Where(e => e.Type == "alias" && e.PreviousId is not null).Select(e => new Identifier(IdentifierTypes.UserId, e.PreviousId!));
        _graph = new IdentityGraph(rules);
        await LoadGraphAsync(events, identifiers, [.. identifiers.Values.SelectMany(i => i).Concat(aliasCandidates).Distinct()], cancellationToken);

        var resolved = 0;
        foreach (var e in events)
        {
            var ids = e.Type == "alias" ? e.Identifiers(normalizer, previous => _graph.ProfileOf(new Identifier(IdentifierTypes.UserId, previous)) is not null) : identifiers[e.Id];
            var resolution = _graph.Resolve(ids);
            if (resolution.ProfileId is not { } profile)
            {
                continue;
            }

            resolved++;
            var state = _states.TryGetValue(profile, out var known) ? known : _states[profile] = new ProfileState(profile, true, [], []);
            foreach (var merge in resolution.Merges)
            {
                state.Absorb(_states[merge.Merged]);
                _merges.Add((merge, e.Id, e.ReceivedAt));
            }

            _newIdentifiers.AddRange(resolution.Added.Select(i => (i, profile, e.Timestamp)));
            state.Apply(e);
        }

        await SaveAsync(checkpoint, events[^1], cancellationToken);
        return new BatchOutcome(events.Count, resolved, events[^1].ReceivedAt);
    }

    private async Task<long> CheckpointAsync(CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO cdp_resolution_checkpoints (name, last_event_id, updated_at) VALUES (@name, 0, now()) ON CONFLICT DO NOTHING;
            SELECT last_event_id FROM cdp_resolution_checkpoints WHERE name = @name FOR UPDATE;
            """, connection, transaction);
        command.Parameters.AddWithValue("name", CheckpointName);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// The events after the checkpoint in id order, stopping at the first one received less than <paramref name="safetyLag"/>
    /// ago: a slower writer may still commit lower ids, and an id passed by the checkpoint is never looked at again.
    /// </summary>
    private async Task<List<ResolvableEvent>> NextEventsAsync(long checkpoint, int size, TimeSpan safetyLag, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT id, source_id, type, user_id, anonymous_id, previous_id, "timestamp", received_at,
                   CASE WHEN type = 'identify' THEN payload->'traits' END, payload->'context'->'traits', payload->'context'->'externalIds',
                   received_at > now() - @lag, payload->'context'->'consent'->'categoryPreferences'
            FROM cdp_events WHERE id > @checkpoint ORDER BY id LIMIT @size
            """, connection, transaction);
        command.Parameters.AddWithValue("checkpoint", checkpoint);
        command.Parameters.AddWithValue("size", size);
        command.Parameters.AddWithValue("lag", safetyLag);
        var events = new List<ResolvableEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetBoolean(11))
            {
                break;
            }

            events.Add(new ResolvableEvent(
                reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), Nullable(reader, 3), Nullable(reader, 4), Nullable(reader, 5),
                reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7),
                Json(reader, 8) as JsonObject, Json(reader, 9) as JsonObject, Json(reader, 10) as JsonArray, Json(reader, 12) as JsonObject));
        }

        return events;
    }

    /// <summary>
    /// The owners of the batch's identifiers and, for those profiles, the identifiers the rules count (types with a
    /// limit, and user ids), with their traits and activity. Unlimited types (anonymous ids) of untouched identifiers
    /// stay in the database: merges move them there with one UPDATE.
    /// </summary>
    private async Task LoadGraphAsync(List<ResolvableEvent> events, Dictionary<long, List<Identifier>> eventIdentifiers, IReadOnlyList<Identifier> identifiers, CancellationToken cancellationToken)
    {
        // Three index-driven reads: the owners of the batch's identifiers (one primary-key probe each), then those profiles
        // and their counted identifiers (one probe per profile id). The LATERAL probes (LIMIT 1 / OFFSET 0 fence them)
        // keep the planner, whose statistics lag behind these fast-growing tables, from hash-joining or scanning a whole
        // table ("profile_id = ANY(@ids)" took 40 ms per batch). The (profile_id, type) index answers the second probe
        // exactly; with only a profile_id index the planner sometimes walked the primary key instead, 1 s per batch.
        var owned = new List<(Identifier Identifier, Guid Profile)>();
        await using (var owners = new NpgsqlCommand("""
            SELECT i.type, i.value, i.profile_id FROM unnest(@types, @values) AS w(type, value)
            CROSS JOIN LATERAL (SELECT * FROM cdp_identifiers i WHERE i.type = w.type AND i.value = w.value LIMIT 1) i
            """, connection, transaction))
        {
            owners.Parameters.Add(new NpgsqlParameter<string[]>("types", [.. identifiers.Select(i => i.Type)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
            owners.Parameters.Add(new NpgsqlParameter<string[]>("values", [.. identifiers.Select(i => i.Value)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
            await using var reader = await owners.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                owned.Add((new Identifier(reader.GetString(0), reader.GetString(1)), reader.GetGuid(2)));
            }
        }

        if (owned.Count == 0)
        {
            return;
        }

        var full = ProfilesNeedingState(events, eventIdentifiers, owned.ToDictionary(o => o.Identifier, o => o.Profile));
        foreach (var (identifier, profile) in owned.Where(o => !full.Contains(o.Profile)))
        {
            _graph.Load(profile, 0, [identifier]);
            _states.TryAdd(profile, new ProfileState(profile, false, [], []) { IsDelta = true });
        }

        owned = [.. owned.Where(o => full.Contains(o.Profile))];
        if (owned.Count == 0)
        {
            return;
        }

        var profileIds = owned.Select(o => o.Profile).Distinct().ToArray();
        var counted = rules.Limits.Keys.Append(IdentifierTypes.UserId).Distinct().ToArray();
        var order = new Dictionary<Guid, long>();
        await using (var profiles = new NpgsqlCommand("""
            SELECT p.id, p.seq, p.traits::text, p.trait_sources::text, p.first_seen_at, p.last_seen_at, p.event_count, p.consent::text
            FROM unnest(@ids) AS w(id) CROSS JOIN LATERAL (SELECT * FROM cdp_profiles p WHERE p.id = w.id LIMIT 1) p;
            SELECT i.profile_id, i.type, i.value FROM unnest(@ids) AS w(id)
            CROSS JOIN LATERAL (SELECT * FROM cdp_identifiers i WHERE i.profile_id = w.id AND i.type = ANY(@counted) OFFSET 0) i;
            """, connection, transaction))
        {
            profiles.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", profileIds));
            profiles.Parameters.Add(new NpgsqlParameter<string[]>("counted", counted) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
            await using var reader = await profiles.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetGuid(0);
                order[id] = reader.GetInt64(1);
                _states[id] = new ProfileState(id, false, JsonNode.Parse(reader.GetString(2)) as JsonObject ?? [], JsonNode.Parse(reader.GetString(3)) as JsonObject ?? [])
                {
                    FirstSeenAt = reader.GetFieldValue<DateTimeOffset>(4),
                    LastSeenAt = reader.GetFieldValue<DateTimeOffset>(5),
                    EventCount = reader.GetInt64(6),
                    Consent = JsonNode.Parse(reader.GetString(7)) as JsonObject ?? [],
                };
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetGuid(0);
                _graph.Load(id, order[id], [new Identifier(reader.GetString(1), reader.GetString(2))]);
            }
        }

        foreach (var (identifier, profile) in owned)
        {
            _graph.Load(profile, order[profile], [identifier]);
        }
    }

    /// <summary>
    /// The stored profiles this batch must load whole. A profile whose events in the batch carry only identifiers it
    /// already owns, and no traits, consent or alias, can neither gain an identifier nor merge (a merge needs an event
    /// carrying another profile's identifier, a gain an identifier it does not own), so the rules never need its other
    /// identifiers and its traits stay as they are: the batch only adds its events to the stored counts (most
    /// tracking events of known users).
    /// </summary>
    private static HashSet<Guid> ProfilesNeedingState(List<ResolvableEvent> events, Dictionary<long, List<Identifier>> eventIdentifiers, Dictionary<Identifier, Guid> owners)
    {
        var full = new HashSet<Guid>();
        foreach (var e in events)
        {
            var ids = eventIdentifiers[e.Id];
            var touched = ids.Select(i => owners.TryGetValue(i, out var p) ? p : (Guid?)null).ToList();
            var mine = touched.OfType<Guid>().Distinct().ToList();
            var countOnly = e.Type != "alias" && e.ConsentPreferences is null && !e.TraitUpdates().Any() && mine.Count == 1 && touched.All(p => p is not null);
            if (!countOnly)
            {
                full.UnionWith(mine);
            }
        }

        return full;
    }

    private static string? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static JsonNode? Json(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : JsonNode.Parse(reader.GetString(ordinal));
}

internal sealed record BatchOutcome(int Events, int Resolved, DateTimeOffset? LastReceivedAt);
