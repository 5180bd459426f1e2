using CrmCdp.Web.Platform.Privacy;

namespace CrmCdp.Web.Modules.Crm.Contacts;

/// <summary>A contact's personal data (names, emails, phones) as the viewer may see it.</summary>
internal static class ContactPii
{
    /// <summary>Timeline fields whose values are personal data.</summary>
    public static IReadOnlySet<string> TimelineFields { get; } = new HashSet<string>(StringComparer.Ordinal) { "First name", "Last name", "Emails", "Phones", "merged" };

    public static bool SeesPii(this AccessContext access) => access.Has(Permissions.Privacy.PiiView);

    /// <summary>A contact's name as the viewer may see it.</summary>
    public static string DisplayName(this AccessContext access, string firstName, string lastName) => access.SeesPii()
        ? $"{firstName} {lastName}".Trim()
        : $"{PiiMask.Name(firstName)} {PiiMask.Name(lastName)}".Trim();

    /// <summary>The contact unchanged for holders of "view PII", masked for everyone else.</summary>
    public static ContactDto ForViewer(this ContactDto contact, AccessContext access) => access.SeesPii() ? contact : contact with
    {
        FirstName = PiiMask.Name(contact.FirstName),
        LastName = PiiMask.Name(contact.LastName),
        Email = contact.Email is null ? null : PiiMask.Email(contact.Email),
        Emails = [.. contact.Emails.Select(PiiMask.Email)],
        Phones = [.. contact.Phones.Select(PiiMask.Phone)],
        PiiMasked = true,
    };

    /// <summary>
    /// For a viewer without "view PII", the personal fields of an edit keep their stored values: the masked
    /// values they were shown must never overwrite the real ones.
    /// </summary>
    public static void KeepPersonalFields(this ContactInput input, Contact stored, AccessContext access)
    {
        if (access.SeesPii())
        {
            return;
        }

        input.FirstName = stored.FirstName;
        input.LastName = stored.LastName;
        input.Emails = [.. stored.Emails];
        input.Email = null;
        input.Phones = [.. stored.Phones];
    }
}
