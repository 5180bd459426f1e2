using System.Text.Json.Nodes;
using CrmCdp.Web.Platform.ContactPoints;

namespace CrmCdp.Web.Modules.Cdp.Identity;

/// <summary>What identity resolution reads of a stored event.</summary>
internal sealed record ResolvableEvent(
    long Id, Guid SourceId, string Type, string? UserId, string? AnonymousId, string? PreviousId, DateTimeOffset Timestamp, DateTimeOffset ReceivedAt,
    JsonObject? Traits, JsonObject? ContextTraits, JsonArray? ExternalIds, JsonObject? ConsentPreferences = null)
{
    /// <summary>The traits this event sets on its profile: identify traits, then context.traits.</summary>
    public IEnumerable<KeyValuePair<string, JsonNode?>> TraitUpdates() =>
        (ContextTraits ?? []).Concat(Type == "identify" ? Traits ?? [] : []);

    /// <summary>
    /// The identifiers the event carries: user and anonymous id, an alias's previousId (as a user_id when it is known as
    /// one, else as an anonymous id), normalized email and phone from its traits, and custom ids from context.externalIds.
    /// </summary>
    public List<Identifier> Identifiers(ContactPointNormalizer normalizer, Func<string, bool> isKnownUserId)
    {
        var identifiers = new List<Identifier>(4);
        void Add(string type, string? value)
        {
            if (value is { Length: > 0 and <= IdentifierTypes.MaxValueLength })
            {
                identifiers.Add(new Identifier(type, value));
            }
        }

        Add(IdentifierTypes.UserId, UserId);
        Add(IdentifierTypes.AnonymousId, AnonymousId);
        if (Type == "alias" && PreviousId is { } previous)
        {
            Add(isKnownUserId(previous) ? IdentifierTypes.UserId : IdentifierTypes.AnonymousId, previous);
        }

        foreach (var traits in new[] { Traits, ContextTraits })
        {
            Add(IdentifierTypes.Email, ContactPointNormalizer.NormalizeEmail(Text(traits?["email"])));
            Add(IdentifierTypes.Phone, normalizer.NormalizePhone(Text(traits?["phone"])));
        }

        foreach (var external in ExternalIds ?? [])
        {
            var id = Text(external?["id"])?.Trim();
            switch (IdentifierTypes.NormalizeType(Text(external?["type"])))
            {
                case IdentifierTypes.Email:
                    Add(IdentifierTypes.Email, ContactPointNormalizer.NormalizeEmail(id));
                    break;
                case IdentifierTypes.Phone:
                    Add(IdentifierTypes.Phone, normalizer.NormalizePhone(id));
                    break;
                case { } type when type is not (IdentifierTypes.UserId or IdentifierTypes.AnonymousId):
                    Add(type, id);
                    break;
            }
        }

        return identifiers;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value ? value.TryGetValue<string>(out var s) ? s : value.ToJsonString() : null;
}
