using System.Text.Json;
using CrmCdp.Web.Modules.Crm.Contacts;

namespace CrmCdp.Web.Modules.Crm.Emails;

/// <summary>The Liquid variables of a CRM email: <c>contact.*</c> (with <c>contact.custom.*</c>) and <c>sender.*</c>.</summary>
internal static class EmailVariables
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> For(Contact contact, string? companyName, string senderName, string senderEmail) =>
        new Dictionary<string, IReadOnlyDictionary<string, object?>>(StringComparer.Ordinal)
        {
            ["contact"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["first_name"] = contact.FirstName,
                ["last_name"] = contact.LastName,
                ["name"] = $"{contact.FirstName} {contact.LastName}".Trim(),
                ["email"] = contact.Emails.FirstOrDefault(),
                ["phone"] = contact.Phones.FirstOrDefault(),
                ["job_title"] = contact.JobTitle,
                ["company"] = companyName,
                ["custom"] = CustomFields(contact.CustomFieldsJson),
            },
            ["sender"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = senderName, ["email"] = senderEmail },
        };

    private static Dictionary<string, object?> CustomFields(string json)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return fields;
        }

        foreach (var field in document.RootElement.EnumerateObject())
        {
            fields[field.Name] = field.Value.ValueKind switch
            {
                JsonValueKind.String => field.Value.GetString(),
                JsonValueKind.Number => field.Value.GetDecimal(),
                JsonValueKind.True or JsonValueKind.False => field.Value.GetBoolean(),
                JsonValueKind.Array => string.Join(", ", field.Value.EnumerateArray().Select(v => v.ToString())),
                _ => null,
            };
        }

        return fields;
    }
}
