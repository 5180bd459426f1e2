using CrmCdp.Web.Platform.Email;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Emails;

/// <summary>Writes an email to a contact, from a template or from scratch; it goes out through the outbox.</summary>
public partial class ComposeEmailDialog
{
    private IReadOnlyList<EmailTemplateDto> _templates = [];
    private Guid? _templateId;
    private string? _subject;
    private string? _text;
    private string? _cc;
    private string? _bcc;
    private string? _notReady;
    private bool _track;

    [Inject]
    private Platform.Preferences.UserPreferencesService Preferences { get; set; } = default!;

    [Inject]
    private CrmEmailService Emails { get; set; } = default!;

    [Inject]
    private EmailTemplateService Templates { get; set; } = default!;

    [Inject]
    private EmailSettingsService Settings { get; set; } = default!;

    /// <summary>Opens the composer for a contact (on a deal's page, the email also goes on the deal's timeline); calls <paramref name="onSent"/> once queued.</summary>
    internal static async Task ShowAsync(IDialogService dialogs, ISnackbar snackbar, Guid contactId, Guid? dealId, EventCallback onSent)
    {
        var parameters = new DialogParameters<ComposeEmailDialog> { { d => d.ContactId, contactId }, { d => d.DealId, dealId } };
        if (await (await dialogs.ShowAsync<ComposeEmailDialog>("Send email", parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true })).Result is { Canceled: false })
        {
            snackbar.Add("Email queued; it goes out within seconds.", Severity.Success);
            await onSent.InvokeAsync();
        }
    }

    protected override async Task OnInitializedAsync()
    {
        _templates = (await Templates.ListAsync(await AccessAsync())).Value ?? [];
        _notReady = (await Settings.ResolveAsync()).Problem;
        _track = (await Preferences.GetAsync(await AccessAsync())).Value?.TrackEmails ?? false;
    }

    private Task SendAsync() => SubmitAsync<EmailQueuedDto>(async access => await Emails.SendAsync(access, new SendEmailInput
    {
        ContactId = ContactId,
        DealId = DealId,
        TemplateId = _templateId,
        Subject = _subject,
        Text = _text,
        Cc = _cc,
        Bcc = _bcc,
        Track = _track,
    }, baseUri: Navigation.BaseUri));
}
