using System.Text.Json;
using CrmCdp.Web.Modules.Crm.Contacts;

namespace CrmCdp.Web.Modules.Crm.Forms;

/// <summary>Overlays a submission's mapped values on a contact input; fields left blank keep what the contact has.</summary>
internal static class FormContactMapping
{
    /// <returns>The company name the submission gave, if any (found or created by the caller).</returns>
    public static string? Apply(WebForm form, IReadOnlyDictionary<string, string> values, ContactInput input, IReadOnlySet<string> customFieldKeys)
    {
        string? company = null;
        foreach (var field in form.Fields)
        {
            if (!values.TryGetValue(field.Name, out var value) || string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            value = value.Trim();
            switch (field.MapsTo)
            {
                case FormMappings.Email when input.Email is null: input.Email = value; break;
                case FormMappings.Email when !input.AllEmails().Contains(value, StringComparer.OrdinalIgnoreCase): input.Emails = [.. input.Emails ?? [], value]; break;
                case "firstName": input.FirstName = value; break;
                case "lastName": input.LastName = value; break;
                case "phone": input.Phones = [value, .. (input.Phones ?? []).Where(p => p != value)]; break;
                case "company": company = value; break;
                case "jobTitle": input.JobTitle = value; break;
                default:
                    if (FormMappings.CustomKey(field.MapsTo) is { } key && customFieldKeys.Contains(key))
                    {
                        input.CustomFields ??= [];
                        input.CustomFields[key] = JsonSerializer.SerializeToElement(value);
                    }

                    break;
            }
        }

        return company;
    }

    /// <summary>The contact's stored custom values (of fields that still exist), so a form that sets one keeps the others.</summary>
    public static Dictionary<string, JsonElement> KeptCustomFields(ContactDto contact, IReadOnlySet<string> customFieldKeys) =>
        contact.CustomFields.Where(f => customFieldKeys.Contains(f.Key) && f.Value is not null)
            .ToDictionary(f => f.Key, f => JsonSerializer.SerializeToElement(f.Value));
}
