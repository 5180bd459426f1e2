using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Timeline;

namespace CrmCdp.Web.Modules.Crm.Contacts;

/// <summary>The fields of a contact that its timeline reports changes of.</summary>
internal sealed record ContactSnapshot(
    string FirstName, string LastName, string Emails, string Phones, string? JobTitle, Guid? CompanyId, string? CompanyName,
    Guid? OwnerId, string LifecycleStage, string? LeadSource, string Tags, bool EmailConsent, bool SmsConsent, string CustomFields)
{
    public static ContactSnapshot Of(Contact c) => new(
        c.FirstName, c.LastName, string.Join(", ", c.Emails), string.Join(", ", c.Phones), c.JobTitle, c.CompanyId, c.Company?.Name,
        c.OwnerId, CrmEnumNames.Label(c.LifecycleStage), c.LeadSource, string.Join(", ", c.Tags), c.EmailConsent, c.SmsConsent, c.CustomFieldsJson);

    public static async Task<List<FieldChange>> ChangesAsync(
        ContactSnapshot before, ContactSnapshot after, UserDirectory users, CancellationToken cancellationToken)
    {
        var names = await users.NamesAsync([before.OwnerId, after.OwnerId], cancellationToken);
        string? Owner(Guid? id) => id is { } value ? names.GetValueOrDefault(value, "unknown user") : null;
        return FieldChange.Between(
        [
            ("First name", before.FirstName, after.FirstName),
            ("Last name", before.LastName, after.LastName),
            ("Emails", before.Emails, after.Emails),
            ("Phones", before.Phones, after.Phones),
            ("Job title", before.JobTitle, after.JobTitle),
            ("Company", before.CompanyName, after.CompanyName),
            ("Owner", Owner(before.OwnerId), Owner(after.OwnerId)),
            ("Lifecycle stage", before.LifecycleStage, after.LifecycleStage),
            ("Lead source", before.LeadSource, after.LeadSource),
            ("Tags", before.Tags, after.Tags),
            ("Email consent", YesNo(before.EmailConsent), YesNo(after.EmailConsent)),
            ("SMS consent", YesNo(before.SmsConsent), YesNo(after.SmsConsent)),
            ("Custom fields", before.CustomFields, after.CustomFields),
        ]);
    }

    private static string YesNo(bool value) => value ? "yes" : "no";
}
