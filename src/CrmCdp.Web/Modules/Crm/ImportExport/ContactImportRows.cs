using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Contacts;

namespace CrmCdp.Web.Modules.Crm.ImportExport;

/// <summary>Turns one CSV row, through the column mapping, into the same input the contact form and API use.</summary>
internal static class ContactImportRows
{
    /// <param name="value">The row's value for a CSV header.</param>
    /// <param name="into">An existing contact's values to overlay (updates keep unmapped fields).</param>
    public static (ContactInput Input, string? CompanyName) ToInput(
        IReadOnlyDictionary<string, string> mapping, Func<string, string?> value, ContactInput? into = null)
    {
        var input = into ?? new ContactInput { LifecycleStage = "lead" };
        string? company = null;
        foreach (var (header, field) in mapping)
        {
            var text = value(header)?.Trim();
            if (string.IsNullOrEmpty(text) || field == ContactImportFields.Ignore)
            {
                continue;
            }

            switch (field)
            {
                case "firstName": input.FirstName = text; break;
                case "lastName": input.LastName = text; break;
                case "fullName":
                    var parts = text.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    input.FirstName = parts[0];
                    input.LastName = parts.Length > 1 ? parts[1] : input.LastName;
                    break;
                case "email": input.Email = text; break;
                case "otherEmails": input.Emails = [.. (input.Emails ?? []), .. CrmUi.SplitList(text)]; break;
                case "phones": input.Phones = CrmUi.SplitList(text); break;
                case "jobTitle": input.JobTitle = text; break;
                case "company": company = text; break;
                case "lifecycleStage": input.LifecycleStage = text.Replace(" ", "", StringComparison.Ordinal); break;
                case "leadSource": input.LeadSource = text; break;
                case "tags": input.Tags = [.. (input.Tags ?? []), .. CrmUi.SplitList(text)]; break;
                case "emailConsent": input.EmailConsent = IsYes(text); break;
                case "smsConsent": input.SmsConsent = IsYes(text); break;
                default: break;
            }
        }

        return (input, company);
    }

    private static bool IsYes(string text) =>
        text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("yes", StringComparison.OrdinalIgnoreCase)
        || text.Equals("y", StringComparison.OrdinalIgnoreCase) || text == "1" || text.Equals("opted in", StringComparison.OrdinalIgnoreCase);
}
