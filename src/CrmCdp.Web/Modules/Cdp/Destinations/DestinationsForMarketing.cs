using System.Text.Json.Nodes;
using CrmCdp.Web.Modules.Cdp.Contracts;

namespace CrmCdp.Web.Modules.Cdp.Destinations;

[SystemAccess("Journeys send a person's step to the destination a marketer chose when publishing them.")]
internal sealed class DestinationsForMarketing(DestinationProfiles profiles, TimeProvider timeProvider) : IDestinationsForMarketing
{
    public async Task<IReadOnlyList<(Guid Id, string Name)>> WebhooksAsync(AppDbContext db, CancellationToken cancellationToken = default) =>
        [.. (await db.Set<Destination>().AsNoTracking().Where(d => d.Type == DestinationTypes.Webhook).OrderBy(d => d.Name).Select(d => new { d.Id, d.Name }).ToListAsync(cancellationToken))
            .Select(d => (d.Id, d.Name))];

    public Task<bool> ExistsAsync(AppDbContext db, Guid destinationId, CancellationToken cancellationToken = default) =>
        db.Set<Destination>().AnyAsync(d => d.Id == destinationId, cancellationToken);

    public async Task<string?> SendAsync(AppDbContext db, Guid destinationId, Guid profileId, JsonObject body, CancellationToken cancellationToken = default)
    {
        var destination = await db.Set<Destination>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == destinationId, cancellationToken);
        if (destination is not { Enabled: true })
        {
            return "destination_disabled";
        }

        if (!(await profiles.LoadAsync(db, [profileId], cancellationToken)).TryGetValue(profileId, out var person) || !person.MayGoTo(destination))
        {
            return "no_consent";
        }

        body["profile"] = person.ToJson(destination.IncludePii);
        db.Add(Outbox.New(destination.Id, DeliveryKinds.Journey, body.ToJsonString(), 1, timeProvider.GetUtcNow()));
        return null;
    }
}
