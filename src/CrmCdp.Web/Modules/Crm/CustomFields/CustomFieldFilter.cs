using System.Globalization;
using System.Text.Json;

namespace CrmCdp.Web.Modules.Crm.CustomFields;

/// <summary>Reads the <c>customField=key:value</c> list filter; "true"/"false" and numbers match as JSON booleans and numbers.</summary>
internal static class CustomFieldFilter
{
    public static (string? Key, JsonElement? Value) Parse(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return (null, null);
        }

        var parts = filter.Split(':', 2);
        if (parts.Length != 2 || parts[0].Length == 0)
        {
            return (null, null);
        }

        var text = parts[1];
        var value = bool.TryParse(text, out var flag) ? JsonSerializer.SerializeToElement(flag)
            : decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? JsonSerializer.SerializeToElement(number)
            : JsonSerializer.SerializeToElement(text);
        return (parts[0], value);
    }
}
