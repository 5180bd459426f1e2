using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Companies;
using CrmCdp.Web.Platform.ContactPoints;
using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Crm.Contacts;

/// <summary>Creates a contact (warning about duplicates first) or edits one (detecting concurrent edits).</summary>
public partial class ContactDialog
{
    private static readonly string[] FormFields =
        ["FirstName", "LastName", "Email", "OtherEmails", "Phones", "JobTitle", "Company", "OwnerId", "LifecycleStage", "LeadSource", "Tags"];

    private ContactForm _form = new();
    private IReadOnlyList<UserOption> _users = [];
    private IReadOnlyList<CustomFields.CustomFieldDto> _customFields = [];
    private IReadOnlyList<ContactDto> _duplicates = [];
    private bool _duplicatesConfirmed;

    /// <summary>The contact to edit; null to create one.</summary>
    [Parameter]
    public ContactDto? Contact { get; set; }

    [Inject]
    private ContactService Contacts { get; set; } = default!;

    [Inject]
    private ContactQueries Queries { get; set; } = default!;

    [Inject]
    private CompanyQueries Companies { get; set; } = default!;

    [Inject]
    private UserDirectory Users { get; set; } = default!;

    [Inject]
    private ContactPointNormalizer Normalizer { get; set; } = default!;

    [Inject]
    private CustomFields.CustomFieldService CustomFieldDefinitions { get; set; } = default!;

    private ContactDto? Editing => Contact;

    protected override async Task OnInitializedAsync()
    {
        _users = await Users.AssignableAsync();
        _customFields = await CustomFieldDefinitions.ListAsync(await AccessAsync());
        _form = Editing is { } contact ? ContactForm.From(contact) : new ContactForm { OwnerId = (await AccessAsync()).UserId };
    }

    private async Task<IEnumerable<CompanyOption>> SearchCompaniesAsync(string? text, CancellationToken cancellationToken) =>
        await Companies.SuggestAsync(await AccessAsync(), text, cancellationToken);

    private protected override string FieldFor(string key) => ContactForm.FieldFor(key);

    /// <summary>The form's one rule across fields: a contact needs a name or an email, so typing any of them settles it.</summary>
    private bool HasNameOrEmail => !string.IsNullOrWhiteSpace(_form.FirstName) || !string.IsNullOrWhiteSpace(_form.LastName) || !string.IsNullOrWhiteSpace(_form.Email);

    private Task SaveAsync() => SubmitAsync<ContactDto>(async access =>
    {
        var input = _form.ToInput();
        if (Editing is null && !_duplicatesConfirmed)
        {
            var emails = input.AllEmails().Select(ContactPointNormalizer.NormalizeEmail).OfType<string>().ToList();
            var phones = (input.Phones ?? []).Select(Normalizer.NormalizePhone).OfType<string>().ToList();
            _duplicates = await Queries.MatchingAsync(access, emails, phones, null);
            if (_duplicates.Count > 0)
            {
                _duplicatesConfirmed = true;
                return null;
            }
        }

        return Editing is { } contact ? await Contacts.UpdateAsync(access, contact.Id, input) : await Contacts.CreateAsync(access, input);
    });

    /// <summary>After a conflict: take the other user's version as the starting point.</summary>
    private async Task ReloadAsync()
    {
        if (Editing is { } contact && (await Contacts.GetAsync(await AccessAsync(), contact.Id)).Value is { } latest)
        {
            _form = ContactForm.From(latest);
            Contact = latest;
            Conflict = null;
            Errors.Clear();
        }
    }
}
