using Npgsql;
using NpgsqlTypes;

namespace CrmCdp.Web.Modules.Cdp.Identity;

/// <summary>The writes of a resolution batch: new profiles, merges, identifiers, the events' profiles and rollups, profile updates, links, the audience queue, checkpoint.</summary>
internal sealed partial class ResolutionBatch
{
    private async Task SaveAsync(long checkpointBefore, ResolvableEvent last, CancellationToken cancellationToken)
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

            // The batch's events take the profiles their identifiers now belong to (merges above included).
            batch.BatchCommands.Add(EventOwnership.AssignBatch(checkpointBefore, last.Id, rules.BlockedValues));
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

            // Every profile the batch touched (merged ones too: they leave their segments) is evaluated again within seconds.
            batch.BatchCommands.Add(Audiences.AudienceQueue.Enqueue(_states.Keys));
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

    /// <summary>
    /// The batch's merges as a few set-based statements (instead of several per merge), the events and rollups included. A profile merged into one that
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

        foreach (var command in EventOwnership.Merge(merged, finals))
        {
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
}
