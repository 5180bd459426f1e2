using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.WebUtilities;

namespace CrmCdp.Web.Modules.Crm.Views;

/// <summary>
/// A list's filters in its address (<c>?search=dickens&amp;onlyMine=true</c>), so Back returns to the same list and
/// a filtered list can be bookmarked or shared. The names are those of <see cref="ListViewState"/>, camel-cased.
/// </summary>
internal static class ListViewQuery
{
    private static readonly PropertyInfo[] Filters = [.. typeof(ListViewState).GetProperties()
        .Where(p => p.PropertyType == typeof(string) || p.PropertyType == typeof(bool) || p.PropertyType == typeof(Guid?))];

    /// <summary>Every filter's query parameter, null for those not set (so they leave the address).</summary>
    public static IReadOnlyDictionary<string, object?> ToQuery(ListViewState state) => Filters.ToDictionary(Name, p => p.GetValue(state) switch
    {
        string text when text.Length > 0 => text,
        true => "true",
        Guid id => id.ToString(),
        _ => (object?)null,
    });

    /// <summary>The filters the address holds, or null when it holds none.</summary>
    public static ListViewState? FromUri(string uri)
    {
        var query = QueryHelpers.ParseQuery(new Uri(uri).Query);
        var state = new ListViewState();
        var found = false;
        foreach (var property in Filters)
        {
            if (!query.TryGetValue(Name(property), out var values) || values.FirstOrDefault() is not { Length: > 0 } value)
            {
                continue;
            }

            object? parsed = property.PropertyType == typeof(string) ? value
                : property.PropertyType == typeof(bool) ? value == "true"
                : Guid.TryParse(value, CultureInfo.InvariantCulture, out var id) ? id : null;
            if (parsed is not null)
            {
                property.SetValue(state, parsed);
                found = true;
            }
        }

        return found ? state : null;
    }

    private static string Name(PropertyInfo property) => char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
}
