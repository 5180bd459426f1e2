using CrmCdp.Web.Modules.Crm.Activities;
using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Tasks;
using CrmCdp.Web.Modules.Crm.Timeline;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Contacts;

/// <summary>The contact's 360 page: key fields, quick actions, timeline, open tasks, deals, tickets, company, website and app behaviour.</summary>
public partial class ContactPage
{
    private bool _loading = true;
    private ContactDto? _contact;
    private IReadOnlyList<TimelineItem> _timeline = [];
    private IReadOnlyList<TaskDto> _openTasks = [];
    private IReadOnlyList<CustomFields.CustomFieldDto> _customFields = [];
    private bool _canReveal;
    private bool _canEmail;

    [Inject]
    private PiiRevealService Reveal { get; set; } = default!;

    [Inject]
    private CustomFields.CustomFieldService CustomFieldDefinitions { get; set; } = default!;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private ContactService Contacts { get; set; } = default!;

    [Inject]
    private TimelineService Timeline { get; set; } = default!;

    [Inject]
    private TaskService Tasks { get; set; } = default!;

    [Inject]
    private RecentViewService RecentViews { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        await LoadAsync();
        if (_contact is not null)
        {
            await RecentViews.RecordAsync(await AccessAsync(), CrmRecordType.Contact, Id);
        }

        _loading = false;
    }

    private async Task LoadAsync()
    {
        var access = await AccessAsync();
        _contact = (await Contacts.GetAsync(access, Id)).Value;
        if (_contact is null)
        {
            return;
        }

        _canReveal = _contact.PiiMasked && access.Has(Platform.Auth.Permissions.Privacy.PiiReveal);
        _canEmail = access.Has(Platform.Auth.Permissions.Crm.EmailsSend);
        _timeline = [.. (await Timeline.ForRecordAsync(access, CrmRecordType.Contact, Id)).OrderByDescending(i => i.At)];
        _customFields = await CustomFieldDefinitions.ListAsync(await AccessAsync());
        _openTasks = access.Has(Platform.Auth.Permissions.Crm.TasksRead)
            ? await Tasks.OpenAsync(access, new TaskFilter(ContactId: Id), 20)
            : [];
    }

    /// <summary>Replaces the masked field with its value; the reveal is recorded in the audit log.</summary>
    private async Task RevealAsync(string field)
    {
        var result = await Reveal.RevealAsync(await AccessAsync(), Id, field);
        if (result.Value is not { } revealed || _contact is null)
        {
            Snackbar.Add(result.Message ?? "The value could not be revealed.", Severity.Error);
            return;
        }

        _contact = revealed.Field switch
        {
            "name" => _contact with { FirstName = revealed.Values[0], LastName = revealed.Values[1] },
            "emails" => _contact with { Emails = revealed.Values, Email = revealed.Values.Count > 0 ? revealed.Values[0] : null },
            _ => _contact with { Phones = revealed.Values },
        };
        Snackbar.Add("Revealed. This is recorded in the audit log.", Severity.Info);
    }

    private static string Initials(ContactDto contact)
    {
        var letters = new[] { contact.FirstName, contact.LastName }.Where(n => n.Length > 0).Select(n => char.ToUpperInvariant(n[0]));
        var initials = string.Concat(letters);
        return initials.Length > 0 ? initials : "?";
    }

    private async Task LogAsync(string kind)
    {
        var parameters = new DialogParameters<ActivityDialog> { { d => d.ActivityKind, kind }, { d => d.ContactId, Id } };
        var title = CrmUi.Label(CrmEnumNames.Parse<ActivityType>(kind) ?? ActivityType.Note);
        if (await (await Dialogs.ShowAsync<ActivityDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true })).Result is { Canceled: false })
        {
            await LoadAsync();
        }
    }

    private Task ComposeAsync() => Emails.ComposeEmailDialog.ShowAsync(Dialogs, Snackbar, Id, null, EventCallback.Factory.Create(this, LoadAsync));

    private async Task AddTaskAsync()
    {
        var parameters = new DialogParameters<TaskDialog> { { d => d.ContactId, Id } };
        if (await (await Dialogs.ShowAsync<TaskDialog>("Add task", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true })).Result is { Canceled: false })
        {
            await LoadAsync();
        }
    }

    private async Task EditAsync()
    {
        var parameters = new DialogParameters<ContactDialog> { { d => d.Contact, _contact } };
        if (await (await Dialogs.ShowAsync<ContactDialog>("Edit contact", parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true })).Result
            is { Canceled: false })
        {
            await LoadAsync();
        }
    }

    private async Task DeleteAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Delete contact?",
            $"{_contact?.FullName} moves to the recycle bin with its activities and tasks; an administrator can restore it.",
            yesText: "Delete",
            cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        var result = await Contacts.DeleteAsync(await AccessAsync(), Id);
        if (result.Outcome == OperationOutcome.Ok)
        {
            Snackbar.Add("Contact deleted.", Severity.Success);
            Navigation.NavigateTo("/crm/contacts");
        }
        else
        {
            Snackbar.Add(result.Message ?? "The contact could not be deleted.", Severity.Error);
        }
    }
}
