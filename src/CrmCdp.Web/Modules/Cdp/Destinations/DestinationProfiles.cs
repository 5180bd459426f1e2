using System.Text.Json.Nodes;
using CrmCdp.Web.Modules.Cdp.Identity;
using CrmCdp.Web.Modules.Cdp.Ingestion;
using CrmCdp.Web.Modules.Cdp.Profiles;
using CrmCdp.Web.Modules.Cdp.Segments;
using CrmCdp.Web.Platform.Privacy;

namespace CrmCdp.Web.Modules.Cdp.Destinations;

/// <summary>What destinations may learn of a profile: its ids, email and traits, its consent, and whether it is suppressed.</summary>
internal sealed record ProfileSnapshot(Guid Id, string? UserId, IReadOnlyList<string> AnonymousIds, string? Email, string Traits, string Consent, bool Suppressed)
{
    /// <summary>Whether this destination may receive anything about the person: not suppressed, and consent given if it asks for a category.</summary>
    public bool MayGoTo(Destination destination) => !Suppressed && ConsentGate.Allows(Consent, destination.ConsentCategory);

    /// <summary>The payload's profile: identifiers and traits as they are, or masked when the destination does not take personal data.</summary>
    public JsonObject ToJson(bool includePii) => new()
    {
        ["id"] = Id,
        ["userId"] = UserId,
        ["anonymousIds"] = new JsonArray([.. AnonymousIds.Select(a => (JsonNode)a)]),
        ["email"] = Email is null ? null : includePii ? Email : ProfilePii.Mask(IdentifierTypes.Email, Email),
        ["traits"] = includePii ? JsonNode.Parse(Traits) : JsonNode.Parse(ProfilePii.MaskTraits(Traits).GetRawText()),
    };
}

[SystemAccess("Destinations read the profiles they send, under each destination's consent and PII settings.")]
internal sealed class DestinationProfiles(SuppressionFilter suppression)
{
    public async Task<Dictionary<Guid, ProfileSnapshot>> LoadAsync(AppDbContext db, IReadOnlyCollection<Guid> profileIds, CancellationToken cancellationToken)
    {
        var profiles = await db.Set<Profile>().AsNoTracking().Where(p => profileIds.Contains(p.Id)).Select(p => new { p.Id, p.Traits, p.Consent }).ToListAsync(cancellationToken);
        var identifiers = (await db.Set<ProfileIdentifier>().AsNoTracking().Where(i => profileIds.Contains(i.ProfileId))
            .Select(i => new { i.ProfileId, i.Type, i.Value, i.FirstSeenAt }).ToListAsync(cancellationToken)).ToLookup(i => i.ProfileId);
        var snapshots = new Dictionary<Guid, ProfileSnapshot>();
        foreach (var profile in profiles)
        {
            var own = identifiers[profile.Id].OrderBy(i => i.FirstSeenAt).ToList();
            var suppressed = await suppression.AnySuppressedAsync(own.Select(i => i.Type switch
            {
                IdentifierTypes.Email => new PersonIdentifier(PersonIdentifierKind.Email, i.Value),
                IdentifierTypes.Phone => new PersonIdentifier(PersonIdentifierKind.Phone, i.Value),
                _ => new PersonIdentifier(PersonIdentifierKind.UserId, i.Value),
            }), cancellationToken);
            snapshots[profile.Id] = new ProfileSnapshot(
                profile.Id,
                own.FirstOrDefault(i => i.Type == IdentifierTypes.UserId)?.Value,
                [.. own.Where(i => i.Type == IdentifierTypes.AnonymousId).Select(i => i.Value)],
                own.FirstOrDefault(i => i.Type == IdentifierTypes.Email)?.Value,
                profile.Traits,
                profile.Consent,
                suppressed);
        }

        return snapshots;
    }
}
