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
internal sealed class ResolutionBatch(NpgsqlConnection connection, NpgsqlTransaction transaction, IdentityRules rules, ContactPointNormalizer normalizer)
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

        await SaveAsync(events[^1], cancellationToken);
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
    /// The batch's merges as four set-based statements (instead of three per merge). A profile merged into one that
    /// is itself merged later in the batch goes straight to the final survivor, as do the profiles earlier merged
    /// into it; the merge log keeps every step, in order.
    /// </summary>
    private void AddMerges(NpgsqlBatch batch)
    {
        var survivorOf = _merges.ToDictionary(m => m.Merge.Merged, m => m.Merge.Survivor);
        Guid Final(Guid id)
        {
            while (survivorOf.TryGetValue(id, out var next))
            {
                id = next;
            }

            return id;
        }

        Guid[] merged = [.. survivorOf.Keys];
        Guid[] finals = [.. merged.Select(Final)];
        foreach (var sql in new[]
                 {
                     "UPDATE cdp_identifiers i SET profile_id = f.survivor FROM unnest(@merged, @final) AS f(merged, survivor) WHERE i.profile_id = f.merged",
                     "UPDATE cdp_profiles p SET merged_into_id = f.survivor, event_count = 0, updated_at = now() FROM unnest(@merged, @final) AS f(merged, survivor) WHERE p.id = f.merged",
                     "UPDATE cdp_profiles p SET merged_into_id = f.survivor, updated_at = now() FROM unnest(@merged, @final) AS f(merged, survivor) WHERE p.merged_into_id = f.merged",
                 })
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<Guid[]>("merged", merged));
            command.Parameters.Add(new NpgsqlParameter<Guid[]>("final", finals));
            batch.BatchCommands.Add(command);
        }

        var log = new NpgsqlBatchCommand("""
            INSERT INTO cdp_profile_merges (kind, survivor_id, merged_id, via_type, via_value, anchor_type, anchor_value, event_id, rule, at)
            SELECT 'merge', survivor, merged, via_type, via_value, anchor_type, anchor_value, event_id, rule, at
            FROM unnest(@survivors, @merged, @viaTypes, @viaValues, @anchorTypes, @anchorValues, @events, @rules, @at) WITH ORDINALITY
                AS m(survivor, merged, via_type, via_value, anchor_type, anchor_value, event_id, rule, at, n)
            ORDER BY n
            """);
        NpgsqlParameter<string[]> Strings(string name, Func<MergeRecord, string> value) =>
            new(name, [.. _merges.Select(m => value(m.Merge))]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
        log.Parameters.Add(new NpgsqlParameter<Guid[]>("survivors", [.. _merges.Select(m => m.Merge.Survivor)]));
        log.Parameters.Add(new NpgsqlParameter<Guid[]>("merged", [.. _merges.Select(m => m.Merge.Merged)]));
        log.Parameters.Add(Strings("viaTypes", m => m.Via.Type));
        log.Parameters.Add(Strings("viaValues", m => m.Via.Value));
        log.Parameters.Add(Strings("anchorTypes", m => m.Anchor.Type));
        log.Parameters.Add(Strings("anchorValues", m => m.Anchor.Value));
        log.Parameters.Add(new NpgsqlParameter<long[]>("events", [.. _merges.Select(m => m.EventId)]));
        log.Parameters.Add(Strings("rules", m => m.Rule[..Math.Min(m.Rule.Length, 500)]));
        log.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("at", [.. _merges.Select(m => m.At)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        batch.BatchCommands.Add(log);
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

    private async Task SaveAsync(ResolvableEvent last, CancellationToken cancellationToken)
    {
        var merged = _merges.Select(m => m.Merge.Merged).ToHashSet();
        var live = _states.Values.Where(s => s.Changed && !merged.Contains(s.Id)).ToList();
        var batch = new NpgsqlBatch(connection, transaction);
        await using (batch)
        {
            // Every write below joins a few thousand keys to a big table: probes by key, never a hash or merge join over
            // the whole table, which the planner picks when its statistics trail these fast-growing tables (set-based
            // merges were 25 % slower overall that way).
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL enable_hashjoin = off"));
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL enable_mergejoin = off"));
            // New profiles first, in creation order so their seq keeps it, already holding their final state (a new
            // profile merged away in this batch gets only its row); then merges, identifiers, and updates of the others.
            var created = _states.Values.Where(s => s.IsNew).ToList();
            if (created.Count > 0)
            {
                var insert = new NpgsqlBatchCommand("""
                    INSERT INTO cdp_profiles (id, traits, trait_sources, first_seen_at, last_seen_at, event_count, consent, created_at, updated_at)
                    SELECT id, traits::jsonb, sources::jsonb, coalesce(first_seen, now()), coalesce(last_seen, now()), events, consent::jsonb, now(), now()
                    FROM unnest(@ids, @traits, @sources, @first, @last, @events, @consent) WITH ORDINALITY AS t(id, traits, sources, first_seen, last_seen, events, consent, n)
                    ORDER BY n
                    """);
                AddProfileColumns(insert, created, merged);
                batch.BatchCommands.Add(insert);
            }

            if (_merges.Count > 0)
            {
                AddMerges(batch);
            }

            // An identifier added early in the batch may have moved with a later merge: store where it ended up.
            var identifiers = _newIdentifiers.Select(n => (n.Identifier, Profile: _graph.ProfileOf(n.Identifier) ?? n.Profile, n.At)).ToList();
            if (identifiers.Count > 0)
            {
                var insert = new NpgsqlBatchCommand("""
                    INSERT INTO cdp_identifiers (type, value, profile_id, first_seen_at)
                    SELECT * FROM unnest(@types, @values, @profiles, @at) ON CONFLICT (type, value) DO UPDATE SET profile_id = excluded.profile_id
                    """);
                insert.Parameters.Add(new NpgsqlParameter<string[]>("types", [.. identifiers.Select(i => i.Identifier.Type)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
                insert.Parameters.Add(new NpgsqlParameter<string[]>("values", [.. identifiers.Select(i => i.Identifier.Value)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
                insert.Parameters.Add(new NpgsqlParameter<Guid[]>("profiles", [.. identifiers.Select(i => i.Profile)]));
                insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("at", [.. identifiers.Select(i => i.At)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
                batch.BatchCommands.Add(insert);
            }

            var deltas = live.Where(s => s.IsDelta).ToList();
            if (deltas.Count > 0)
            {
                var add = new NpgsqlBatchCommand("""
                    UPDATE cdp_profiles p SET first_seen_at = least(p.first_seen_at, u.first_seen), last_seen_at = greatest(p.last_seen_at, u.last_seen),
                        event_count = p.event_count + u.events, updated_at = now()
                    FROM unnest(@ids, @first, @last, @events) AS u(id, first_seen, last_seen, events)
                    WHERE p.id = u.id
                    """);
                AddActivityColumns(add, deltas);
                batch.BatchCommands.Add(add);
            }

            // Most events only move a profile's activity: those rows get the three activity columns, not their traits.
            var updated = live.Where(s => !s.IsNew && !s.IsDelta && s.StateChanged).ToList();
            var active = live.Where(s => !s.IsNew && !s.IsDelta && !s.StateChanged).ToList();
            if (active.Count > 0)
            {
                var activity = new NpgsqlBatchCommand("""
                    UPDATE cdp_profiles p SET first_seen_at = u.first_seen, last_seen_at = u.last_seen, event_count = u.events, updated_at = now()
                    FROM unnest(@ids, @first, @last, @events) AS u(id, first_seen, last_seen, events)
                    WHERE p.id = u.id
                    """);
                AddActivityColumns(activity, active);
                batch.BatchCommands.Add(activity);
            }

            if (updated.Count > 0)
            {
                var update = new NpgsqlBatchCommand("""
                    UPDATE cdp_profiles p SET traits = u.traits::jsonb, trait_sources = u.sources::jsonb, first_seen_at = u.first_seen, last_seen_at = u.last_seen,
                        event_count = u.events, consent = u.consent::jsonb, updated_at = now()
                    FROM unnest(@ids, @traits, @sources, @first, @last, @events, @consent) AS u(id, traits, sources, first_seen, last_seen, events, consent)
                    WHERE p.id = u.id
                    """);
                AddProfileColumns(update, updated, merged);
                batch.BatchCommands.Add(update);
            }

            var consent = live.SelectMany(s => s.ConsentChanges.Select(c => (Profile: s.Id, c.EventId, c.At, c.State))).ToList();
            if (consent.Count > 0)
            {
                var changes = new NpgsqlBatchCommand("""
                    INSERT INTO cdp_consent_changes (profile_id, source, event_id, state, at)
                    SELECT profile, 'event', event_id, state::jsonb, at FROM unnest(@profiles, @events, @states, @at) AS c(profile, event_id, state, at)
                    """);
                changes.Parameters.Add(new NpgsqlParameter<Guid[]>("profiles", [.. consent.Select(c => c.Profile)]));
                changes.Parameters.Add(new NpgsqlParameter<long[]>("events", [.. consent.Select(c => c.EventId)]));
                changes.Parameters.Add(new NpgsqlParameter<string[]>("states", [.. consent.Select(c => c.State)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                changes.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("at", [.. consent.Select(c => c.At)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
                batch.BatchCommands.Add(changes);
            }

            // A profile's link can only change here when it gained identifiers (new or by a merge); contact changes are
            // the link job's.
            var relinked = identifiers.Select(i => i.Profile).Concat(_merges.Select(m => m.Merge.Survivor)).Where(p => !merged.Contains(p)).Distinct().ToArray();
            if (relinked.Length > 0)
            {
                var link = new NpgsqlBatchCommand(Profiles.ContactLinkJob.LinkProfilesSql);
                link.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", relinked));
                batch.BatchCommands.Add(link);
            }

            var checkpoint = new NpgsqlBatchCommand("UPDATE cdp_resolution_checkpoints SET last_event_id = @id, last_received_at = @received, updated_at = now() WHERE name = @name");
            checkpoint.Parameters.AddWithValue("id", last.Id);
            checkpoint.Parameters.AddWithValue("received", last.ReceivedAt);
            checkpoint.Parameters.AddWithValue("name", CheckpointName);
            batch.BatchCommands.Add(checkpoint);
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static void AddActivityColumns(NpgsqlBatchCommand command, List<ProfileState> profiles)
    {
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. profiles.Select(s => s.Id)]));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?[]>("first", [.. profiles.Select(s => s.FirstSeenAt)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?[]>("last", [.. profiles.Select(s => s.LastSeenAt)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<long[]>("events", [.. profiles.Select(s => s.EventCount)]));
    }

    /// <summary>The state columns of profiles as arrays; a profile merged away in this batch is stored empty (its state went to the survivor).</summary>
    private static void AddProfileColumns(NpgsqlBatchCommand command, List<ProfileState> profiles, HashSet<Guid> merged)
    {
        bool Live(ProfileState s) => s.Changed && !merged.Contains(s.Id);
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. profiles.Select(s => s.Id)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("traits", [.. profiles.Select(s => Live(s) ? s.Traits.ToJsonString() : "{}")]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string[]>("sources", [.. profiles.Select(s => Live(s) ? s.TraitSources.ToJsonString() : "{}")]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?[]>("first", [.. profiles.Select(s => Live(s) ? s.FirstSeenAt : null)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?[]>("last", [.. profiles.Select(s => Live(s) ? s.LastSeenAt : null)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<long[]>("events", [.. profiles.Select(s => Live(s) ? s.EventCount : 0)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("consent", [.. profiles.Select(s => Live(s) ? s.Consent.ToJsonString() : "{}")]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
    }

    private static string? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static JsonNode? Json(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : JsonNode.Parse(reader.GetString(ordinal));
}

internal sealed record BatchOutcome(int Events, int Resolved, DateTimeOffset? LastReceivedAt);
