using System.Text.Json;
using System.Text.Json.Nodes;
using CrmCdp.Web.Modules.Cdp.Identity;
using CrmCdp.Web.Platform.Privacy;

namespace CrmCdp.Web.Modules.Cdp.Profiles;

/// <summary>Identifiers and traits that are personal data, masked for viewers without "view PII".</summary>
internal static class ProfilePii
{
    private static readonly HashSet<string> PersonalTraits = new(StringComparer.OrdinalIgnoreCase)
    {
        "email", "phone", "name", "firstName", "first_name", "lastName", "last_name", "address", "street", "birthday", "username",
    };

    public static bool IsPersonal(string identifierType) => identifierType is IdentifierTypes.Email or IdentifierTypes.Phone;

    public static string Mask(string identifierType, string value) => identifierType switch
    {
        IdentifierTypes.Email => PiiMask.Email(value),
        IdentifierTypes.Phone => PiiMask.Phone(value),
        _ => value,
    };

    /// <summary>One trait's value as a viewer without "view PII" may see it.</summary>
    public static JsonElement MaskTrait(string name, JsonElement value) =>
        PersonalTraits.Contains(name) ? MaskTraits(new JsonObject { [name] = JsonNode.Parse(value.GetRawText()) }.ToJsonString()).GetProperty(name) : value;

    public static JsonElement MaskTraits(string traitsJson)
    {
        var traits = JsonNode.Parse(traitsJson) as JsonObject ?? [];
        foreach (var name in traits.Select(t => t.Key).Where(PersonalTraits.Contains).ToList())
        {
            var text = traits[name] is JsonValue value && value.TryGetValue<string>(out var s) ? s : traits[name]?.ToJsonString() ?? "";
            traits[name] = name.Equals("email", StringComparison.OrdinalIgnoreCase) ? PiiMask.Email(text)
                : name.Equals("phone", StringComparison.OrdinalIgnoreCase) ? PiiMask.Phone(text)
                : PiiMask.Name(text);
        }

        return JsonSerializer.SerializeToElement(traits);
    }
}
