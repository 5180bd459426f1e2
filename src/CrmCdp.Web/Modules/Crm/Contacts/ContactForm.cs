using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Companies;

namespace CrmCdp.Web.Modules.Crm.Contacts;

/// <summary>The contact dialog's fields, as text the user types.</summary>
internal sealed class ContactForm
{
    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Email { get; set; }

    public string? OtherEmails { get; set; }

    public string? Phones { get; set; }

    public string? JobTitle { get; set; }

    public CompanyOption? Company { get; set; }

    public Guid? OwnerId { get; set; }

    public string LifecycleStage { get; set; } = "lead";

    public string? LeadSource { get; set; }

    public string? Tags { get; set; }

    public bool EmailConsent { get; set; }

    public bool SmsConsent { get; set; }

    public uint? Version { get; set; }

    /// <summary>Custom field values by key: string, decimal, DateTime or bool.</summary>
    public Dictionary<string, object?> CustomValues { get; set; } = [];

    public static ContactForm From(ContactDto c) => new()
    {
        CustomValues = CustomFields.CustomFieldValues.FromStored(c.CustomFields),
        FirstName = c.FirstName,
        LastName = c.LastName,
        Email = c.Email,
        OtherEmails = string.Join(", ", c.Emails.Skip(1)),
        Phones = string.Join(", ", c.Phones),
        JobTitle = c.JobTitle,
        Company = c.CompanyId is { } id ? new CompanyOption(id, c.CompanyName ?? "") : null,
        OwnerId = c.OwnerId,
        LifecycleStage = c.LifecycleStage,
        LeadSource = c.LeadSource,
        Tags = string.Join(", ", c.Tags),
        EmailConsent = c.EmailConsent,
        SmsConsent = c.SmsConsent,
        Version = c.Version,
    };

    public ContactInput ToInput() => new()
    {
        FirstName = FirstName,
        LastName = LastName,
        Email = Email,
        Emails = CrmUi.SplitList(OtherEmails),
        Phones = CrmUi.SplitList(Phones),
        JobTitle = JobTitle,
        CompanyId = Company?.Id,
        OwnerId = OwnerId,
        LifecycleStage = LifecycleStage,
        LeadSource = LeadSource,
        Tags = CrmUi.SplitList(Tags),
        EmailConsent = EmailConsent,
        SmsConsent = SmsConsent,
        Version = Version,
        CustomFields = CustomFields.CustomFieldValues.ToJson(CustomValues),
    };

    /// <summary>Which form field shows an API error key.</summary>
    public static string FieldFor(string key) => key switch
    {
        "emails" => nameof(OtherEmails),
        "phones" => nameof(Phones),
        "tags" => nameof(Tags),
        "companyId" => nameof(Company),
        _ when key.StartsWith("customFields.", StringComparison.Ordinal) => "CustomFields." + key["customFields.".Length..],
        _ => char.ToUpperInvariant(key[0]) + key[1..],
    };
}
