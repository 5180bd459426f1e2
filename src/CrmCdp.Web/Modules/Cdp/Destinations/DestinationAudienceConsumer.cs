using System.Text.Json.Nodes;
using CrmCdp.Web.Modules.Cdp.Contracts;
using CrmCdp.Web.Modules.Cdp.Segments;

namespace CrmCdp.Web.Modules.Cdp.Destinations;

/// <summary>
/// Turns segment entries and exits into deliveries for the destinations subscribed to those segments, in the feed's
/// transaction: each change becomes each delivery exactly once, and the message waits in the outbox for the senders.
/// </summary>
[SystemAccess("Destinations follow the segment change feed.")]
internal sealed class DestinationAudienceConsumer(DestinationProfiles profiles, TimeProvider timeProvider) : ISegmentChangeConsumer
{
    public string Name => "destinations";

    public async Task HandleAsync(AppDbContext db, IReadOnlyList<SegmentChange> changes, CancellationToken cancellationToken)
    {
        var destinations = (await db.Set<Destination>().AsNoTracking().Where(d => d.Enabled).ToListAsync(cancellationToken))
            .Select(d => (Destination: d, Segments: DestinationSubscriptionsJson.Read(d.Subscriptions).SegmentIds ?? []))
            .Where(d => d.Segments.Count > 0).ToList();
        var wanted = changes.Where(c => destinations.Any(d => d.Segments.Contains(c.SegmentId))).ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        var segmentIds = wanted.Select(c => c.SegmentId).Distinct().ToList();
        var segments = await db.Set<Segment>().AsNoTracking().Where(s => segmentIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var people = await profiles.LoadAsync(db, [.. wanted.Select(c => c.ProfileId).Distinct()], cancellationToken);
        var now = timeProvider.GetUtcNow();
        foreach (var change in wanted)
        {
            if (!people.TryGetValue(change.ProfileId, out var person) || !segments.TryGetValue(change.SegmentId, out var segmentName))
            {
                continue;
            }

            foreach (var (destination, _) in destinations.Where(d => d.Segments.Contains(change.SegmentId) && person.MayGoTo(d.Destination)))
            {
                var payload = new JsonObject
                {
                    ["type"] = change.Kind == "entered" ? "audience.entered" : "audience.exited",
                    ["timestamp"] = change.At,
                    ["segment"] = new JsonObject { ["id"] = change.SegmentId, ["name"] = segmentName },
                    ["profile"] = person.ToJson(destination.IncludePii),
                };
                db.Add(Outbox.New(destination.Id, DeliveryKinds.Audience, payload.ToJsonString(), 1, now));
            }
        }
    }
}
