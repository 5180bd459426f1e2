using CrmCdp.Web.Platform.Email;
using CrmCdp.Web.Platform.Email.Inbound;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Admin.Email;

/// <summary>Admin → Email: the SMTP server and senders, a test send, and the send log.</summary>
public partial class EmailPage
{
    private EmailSettingsDto? _settings;
    private EmailSettingsInput _input = new();
    private IReadOnlyList<OutboundEmailDto> _log = [];
    private IReadOnlyList<MailboxDto> _mailboxes = [];
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private string? _testTo;
    private EmailTestResult? _testResult;
    private bool _busy;

    [Inject]
    private EmailSettingsService Settings { get; set; } = default!;

    [Inject]
    private EmailTestSend Test { get; set; } = default!;

    [Inject]
    private EmailLogQueries Log { get; set; } = default!;

    [Inject]
    private MailboxService Mailboxes { get; set; } = default!;

    private string SourceSentence => _settings?.Source switch
    {
        "settings" => $"Saved here on {_settings.UpdatedAt?.InUserZone():g}; these replace the Email__ configuration keys.",
        "configuration" => "From the Email__Smtp__ configuration keys. Saving here replaces them.",
        _ => "Not set up: emails wait in the outbox until a server is saved here or in the Email__Smtp__ configuration keys.",
    };

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        var access = await AccessAsync();
        _settings = (await Settings.GetAsync(access)).Value;
        if (_settings is { } s)
        {
            _input = new EmailSettingsInput
            {
                Host = s.Host,
                Port = s.Port ?? 587,
                TlsMode = s.TlsMode ?? SmtpTlsMode.Auto,
                User = s.User,
                From = s.From,
                ReplyTo = s.ReplyTo,
                SendFromUserAddress = s.SendFromUserAddress,
            };
        }

        _log = await Log.RecentAsync(access, null, 50);
        _mailboxes = await Mailboxes.ListAsync(access);
    }

    private async Task EditMailboxAsync(MailboxDto? mailbox)
    {
        var parameters = new DialogParameters<MailboxDialog> { { d => d.MailboxId, mailbox?.Id } };
        var dialog = await Dialogs.ShowAsync<MailboxDialog>(mailbox is null ? "Add mailbox" : $"Edit {mailbox.Name}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            _mailboxes = await Mailboxes.ListAsync(await AccessAsync());
        }
    }

    private async Task SaveAsync()
    {
        _busy = true;
        try
        {
            var result = await Settings.SaveAsync(await AccessAsync(), _input);
            _errors = result.Errors ?? new Dictionary<string, string[]>();
            if (result.Outcome == OperationOutcome.Ok)
            {
                Snackbar.Add("Email settings saved.", Severity.Success);
                await LoadAsync();
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task TestAsync()
    {
        _busy = true;
        try
        {
            var result = await Test.SendAsync(await AccessAsync(), _testTo);
            _errors = result.Errors ?? new Dictionary<string, string[]>();
            _testResult = result.Value;
            _log = await Log.RecentAsync(await AccessAsync(), null, 50);
        }
        finally
        {
            _busy = false;
        }
    }

    private string? Error(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private static Color StatusColor(string status) => status switch
    {
        "sent" => Color.Success,
        "failed" => Color.Error,
        _ => Color.Default,
    };
}
