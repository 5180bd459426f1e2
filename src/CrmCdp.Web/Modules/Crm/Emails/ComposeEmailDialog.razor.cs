using CrmCdp.Web.Platform.Email;
using Microsoft.AspNetCore.Components;

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

    protected override async Task OnInitializedAsync()
    {
        _templates = await Templates.ListAsync(await AccessAsync());
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
