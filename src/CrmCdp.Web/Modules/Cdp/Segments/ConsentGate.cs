using System.Text.Json.Nodes;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>
/// Whether a profile's consent state lets an audience use it: consent must have been granted (true) for the category;
/// refused or never given both say no. <c>email</c> / <c>sms</c> are the CRM contact's consent; any other category is a
/// key of the events' <c>context.consent.categoryPreferences</c> (matched without regard to case).
/// </summary>
internal static class ConsentGate
{
    public static bool Allows(string consentJson, string? category)
    {
        if (string.IsNullOrWhiteSpace(category))
        {
            return true;
        }

        if (JsonNode.Parse(consentJson) is not JsonObject consent)
        {
            return false;
        }

        if (category is "email" or "sms")
        {
            return IsTrue(consent[category]);
        }

        return consent["categoryPreferences"] is JsonObject preferences
            && preferences.FirstOrDefault(p => string.Equals(p.Key, category, StringComparison.OrdinalIgnoreCase)).Value is { } granted
            && IsTrue(granted);
    }

    private static bool IsTrue(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var granted) && granted;
}
