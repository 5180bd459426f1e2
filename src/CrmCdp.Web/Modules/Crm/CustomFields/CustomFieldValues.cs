using System.Globalization;
using System.Text.Json;

namespace CrmCdp.Web.Modules.Crm.CustomFields;

/// <summary>Converts custom field values between their stored JSON and what form inputs bind to (string, decimal, DateTime, bool).</summary>
internal static class CustomFieldValues
{
    public static Dictionary<string, object?> FromStored(IReadOnlyDictionary<string, object?> stored) =>
        stored.ToDictionary(p => p.Key, p => FromJson(p.Value));

    public static Dictionary<string, JsonElement> ToJson(Dictionary<string, object?> values) =>
        values.ToDictionary(p => p.Key, p => ToJson(p.Value));

    private static object? FromJson(object? value) => value is not JsonElement json ? value : json.ValueKind switch
    {
        JsonValueKind.Number => json.GetDecimal(),
        JsonValueKind.True or JsonValueKind.False => json.GetBoolean(),
        JsonValueKind.String when DateTime.TryParseExact(json.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => date,
        JsonValueKind.String => json.GetString(),
        _ => null,
    };

    private static JsonElement ToJson(object? value) => value switch
    {
        DateTime date => JsonSerializer.SerializeToElement(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        null => JsonSerializer.SerializeToElement<string?>(null),
        _ => JsonSerializer.SerializeToElement(value, value.GetType()),
    };
}
