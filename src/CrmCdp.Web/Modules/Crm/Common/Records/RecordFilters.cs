using CrmCdp.Web.Modules.Crm.Bulk;

namespace CrmCdp.Web.Modules.Crm.Common.Records;

/// <summary>A record with custom field values (a jsonb object keyed by field key).</summary>
internal interface ICustomFieldRecord
{
    string CustomFieldsJson { get; }
}

/// <summary>The list filters tagged records and records with custom fields share.</summary>
internal static class RecordFilters
{
    /// <summary>Records carrying the tag (exactly, after trimming); all records when no tag is given.</summary>
    public static IQueryable<T> Tagged<T>(this IQueryable<T> query, string? tag)
        where T : class, ITaggedRecord
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return query;
        }

        var trimmed = tag.Trim();
        return query.Where(r => r.Tags.Contains(trimmed));
    }

    /// <summary>Records whose custom field <paramref name="key"/> holds <paramref name="value"/> (jsonb containment, so the GIN index serves it).</summary>
    public static IQueryable<T> WithCustomField<T>(this IQueryable<T> query, string? key, System.Text.Json.JsonElement? value)
        where T : class, ICustomFieldRecord
    {
        if (key is not { Length: > 0 } || value is not { } wanted)
        {
            return query;
        }

        var containment = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, System.Text.Json.JsonElement> { [key] = wanted });
        return query.Where(r => EF.Functions.JsonContains(r.CustomFieldsJson, containment));
    }
}
