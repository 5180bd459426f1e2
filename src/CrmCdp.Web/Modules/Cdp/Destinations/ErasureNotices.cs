using System.Text.Json.Nodes;
using CrmCdp.Web.Modules.Cdp.Identity;
using CrmCdp.Web.Modules.Cdp.Profiles;

namespace CrmCdp.Web.Modules.Cdp.Destinations;

/// <summary>
/// What an erasure does to destinations, in the erasure's transaction: the destinations subscribed to erasures get a
/// <c>privacy.erasure</c> message naming the person's profile ids and the SHA-256 hashes of their user ids, anonymous ids
/// and emails (the erasure's last step scrubs the values themselves from every row, the outbox included),
/// the delivery log forgets the sent and failed messages that name the erased profiles, and the messages still waiting to
/// go lose the erased people's part: a batch is sent without their events, any other message is withdrawn. (A request
/// already on the wire at that moment cannot be called back; the erasure notice follows it.)
/// </summary>
internal static class ErasureNotices
{
    public static async Task AddAsync(AppDbContext db, IReadOnlyCollection<Guid> profileIds, IReadOnlyList<ProfileIdentifier> identifiers, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (profileIds.Count == 0)
        {
            return;
        }

        string[] patterns = [.. profileIds.Select(id => $"%{id}%")];
        await db.Database.ExecuteSqlAsync(
            $"DELETE FROM cdp_deliveries WHERE status IN ('delivered', 'failed') AND payload LIKE ANY({patterns})", cancellationToken);
        await WithdrawWaitingAsync(db, patterns, [.. profileIds.Select(id => id.ToString())], cancellationToken);
        var destinations = (await db.Set<Destination>().AsNoTracking().Where(d => d.Enabled).ToListAsync(cancellationToken))
            .Where(d => DestinationSubscriptionsJson.Read(d.Subscriptions).Erasures == true).ToList();
        foreach (var destination in destinations)
        {
            JsonArray Hashes(string type) => new([.. identifiers.Where(i => i.Type == type).Select(i => (JsonNode)AdAudienceExport.Hash(i.Value)!)]);
            var notice = new JsonObject
            {
                ["type"] = "privacy.erasure",
                ["timestamp"] = now,
                ["profileIds"] = new JsonArray([.. profileIds.Select(id => (JsonNode)id.ToString())]),
                ["userIdSha256"] = Hashes(IdentifierTypes.UserId),
                ["anonymousIdSha256"] = Hashes(IdentifierTypes.AnonymousId),
                ["emailSha256"] = Hashes(IdentifierTypes.Email),
            };
            db.Add(Outbox.New(destination.Id, DeliveryKinds.Privacy, notice.ToJsonString(), 0, now));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task WithdrawWaitingAsync(AppDbContext db, string[] patterns, HashSet<string> erased, CancellationToken cancellationToken)
    {
        var waiting = await db.Set<Delivery>().FromSql($"""
            SELECT * FROM cdp_deliveries
            WHERE status IN ('pending', 'retrying') AND kind <> {DeliveryKinds.Privacy} AND payload LIKE ANY({patterns})
            FOR UPDATE
            """).ToListAsync(cancellationToken);
        foreach (var delivery in waiting)
        {
            if (JsonNode.Parse(delivery.Payload) is JsonObject { } body && body["batch"] is JsonArray batch)
            {
                var kept = batch.Where(item => item?["profileId"]?.GetValue<string>() is not { } profileId || !erased.Contains(profileId)).Select(item => item?.DeepClone()).ToArray();
                if (kept.Length > 0)
                {
                    delivery.Payload = new JsonObject { ["batch"] = new JsonArray(kept) }.ToJsonString();
                    delivery.EventCount = kept.Length;
                    continue;
                }
            }

            db.Remove(delivery);
        }
    }
}
