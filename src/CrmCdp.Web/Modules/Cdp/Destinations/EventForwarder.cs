using System.Text.Json.Nodes;
using CrmCdp.Web.Modules.Cdp.Audiences;
using CrmCdp.Web.Modules.Cdp.Profiles;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Destinations;

/// <summary>
/// Follows the resolved events from its own checkpoint and writes the deliveries of the destinations that subscribe to
/// them, batched up to each destination's batch size, in the transaction that moves the checkpoint: each event goes into
/// the outbox exactly once, after resolution, so it carries its profile. Suppressed people and people without a
/// destination's consent are left out; personal traits are masked unless the destination takes personal data.
/// </summary>
[SystemAccess("Destinations forward the events they subscribe to.")]
internal sealed class EventForwarder(IDbContextFactory<AppDbContext> dbFactory, DestinationProfiles profiles, IOptions<DestinationOptions> options, TimeProvider timeProvider)
{
    public const string CheckpointName = "destinations:events";

    private sealed record ResolvedEvent(long Id, Guid SourceId, string Type, string? Name, DateTimeOffset ReceivedAt, string Payload, Guid? ProfileId);

    /// <summary>Forwards one batch of resolved events; answers whether resolution is still ahead (more to forward at once).</summary>
    public async Task<bool> ForwardAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();
        long checkpoint, resolved;
        // Locked for the pass: another instance forwarding waits, then goes on from where this one ends.
        await using (var read = new NpgsqlCommand("""
            INSERT INTO cdp_audience_checkpoints (name, last_change_id, updated_at)
            SELECT @name, coalesce((SELECT last_event_id FROM cdp_resolution_checkpoints WHERE name = 'identity'), 0), now() ON CONFLICT DO NOTHING;
            SELECT last_change_id, coalesce((SELECT last_event_id FROM cdp_resolution_checkpoints WHERE name = 'identity'), 0)
            FROM cdp_audience_checkpoints WHERE name = @name FOR UPDATE;
            """, connection, npgsqlTransaction))
        {
            read.Parameters.AddWithValue("name", CheckpointName);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            (checkpoint, resolved) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        if (resolved <= checkpoint)
        {
            // Kept even with nothing to forward: a new checkpoint starts at resolution's position once, not at every pass.
            await transaction.CommitAsync(cancellationToken);
            return false;
        }

        // A window of ids rather than a LIMIT: ids are dense, and the planner reads only the window instead of sorting
        // everything resolution is ahead by (the read slowed as the backlog grew).
        var upTo = Math.Min(resolved, checkpoint + Math.Max(1, options.Value.ForwardBatch));

        var destinations = (await db.Set<Destination>().AsNoTracking().Where(d => d.Enabled).ToListAsync(cancellationToken))
            .Select(d => (Destination: d, Subscriptions: DestinationSubscriptionsJson.Read(d.Subscriptions))).Where(d => d.Subscriptions.WantsEvents).ToList();
        // Nobody subscribes: the checkpoint follows resolution without reading an event.
        var events = destinations.Count == 0 ? [] : await ReadAsync(connection, npgsqlTransaction, checkpoint, upTo, cancellationToken);
        var last = destinations.Count == 0 ? resolved : upTo;
        if (events.Count > 0)
        {
            var people = await profiles.LoadAsync(db, [.. events.Where(e => e.ProfileId is not null).Select(e => e.ProfileId!.Value).Distinct()], cancellationToken);
            var now = timeProvider.GetUtcNow();
            foreach (var (destination, subscriptions) in destinations)
            {
                var taken = events.Where(e => subscriptions.Takes(e.SourceId, e.Type, e.Name)
                    && e.ProfileId is { } profileId && people.TryGetValue(profileId, out var person) && person.MayGoTo(destination)).ToList();
                foreach (var chunk in taken.Chunk(Math.Max(1, destination.BatchSize)))
                {
                    var items = chunk.Select(e => Shape(e, destination, subscriptions)).ToList();
                    var body = destination.BatchSize <= 1 ? items[0].ToJsonString() : new JsonObject { ["batch"] = new JsonArray([.. items]) }.ToJsonString();
                    db.Add(Outbox.New(destination.Id, DeliveryKinds.Event, body, chunk.Length, now));
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await db.Set<AudienceCheckpoint>().Where(c => c.Name == CheckpointName)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.LastChangeId, last).SetProperty(c => c.UpdatedAt, DateTimeOffset.UtcNow), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return last < resolved;
    }

    private static async Task<List<ResolvedEvent>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long after, long upTo, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT e.id, e.source_id, e.type, e.event, e.received_at, e.payload::text, o.profile_id
            FROM cdp_events e LEFT JOIN cdp_event_profiles o ON o.event_id = e.id AND o."timestamp" = e."timestamp"
            WHERE e.id > @after AND e.id <= @up_to ORDER BY e.id
            """, connection, transaction);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("up_to", upTo);
        var events = new List<ResolvedEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new ResolvedEvent(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetGuid(6)));
        }

        return events;
    }

    /// <summary>The event as received, with receivedAt, sourceId and profileId; traits masked and properties narrowed as the destination says.</summary>
    private static JsonObject Shape(ResolvedEvent e, Destination destination, DestinationSubscriptions subscriptions)
    {
        var message = JsonNode.Parse(e.Payload) as JsonObject ?? [];
        message["receivedAt"] = e.ReceivedAt;
        message["sourceId"] = e.SourceId;
        message["profileId"] = e.ProfileId;
        if (subscriptions.Properties is { Count: > 0 } allowed && message["properties"] is JsonObject properties)
        {
            foreach (var name in properties.Select(p => p.Key).Where(k => !allowed.Contains(k, StringComparer.Ordinal)).ToList())
            {
                properties.Remove(name);
            }
        }

        if (!destination.IncludePii)
        {
            Mask(message, "traits");
            if (message["context"] is JsonObject context)
            {
                Mask(context, "traits");
            }
        }

        return message;
    }

    private static void Mask(JsonObject holder, string key)
    {
        if (holder[key] is JsonObject traits)
        {
            holder[key] = JsonNode.Parse(ProfilePii.MaskTraits(traits.ToJsonString()).GetRawText());
        }
    }
}
