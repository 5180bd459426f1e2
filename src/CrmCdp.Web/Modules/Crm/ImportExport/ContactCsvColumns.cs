using CrmCdp.Web.Modules.Crm.Contacts;

namespace CrmCdp.Web.Modules.Crm.ImportExport;

/// <summary>The columns a contacts CSV can carry, by their header name, for export and import alike.</summary>
internal static class ContactCsvColumns
{
    public static IReadOnlyList<(string Header, Func<ContactDto, string?> Value)> All { get; } =
    [
        ("id", c => c.Id.ToString()),
        ("firstName", c => c.FirstName),
        ("lastName", c => c.LastName),
        ("email", c => c.Email),
        ("otherEmails", c => string.Join(";", c.Emails.Skip(1))),
        ("phones", c => string.Join(";", c.Phones)),
        ("jobTitle", c => c.JobTitle),
        ("company", c => c.CompanyName),
        ("owner", c => c.OwnerName),
        ("lifecycleStage", c => c.LifecycleStage),
        ("leadSource", c => c.LeadSource),
        ("tags", c => string.Join(";", c.Tags)),
        ("emailConsent", c => c.EmailConsent ? "true" : "false"),
        ("smsConsent", c => c.SmsConsent ? "true" : "false"),
        ("createdAt", c => c.CreatedAt.ToString("O")),
        ("updatedAt", c => c.UpdatedAt.ToString("O")),
    ];

    /// <summary>The requested columns in order, or all when none (or none known) are named.</summary>
    public static IReadOnlyList<(string Header, Func<ContactDto, string?> Value)> Select(string? columns)
    {
        var wanted = (columns ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var chosen = wanted.Select(w => All.FirstOrDefault(c => c.Header.Equals(w, StringComparison.OrdinalIgnoreCase)))
            .Where(c => c.Header is not null).ToList();
        return chosen.Count > 0 ? chosen : All;
    }
}
