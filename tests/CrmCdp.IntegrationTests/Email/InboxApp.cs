using CrmCdp.TestSupport;

namespace CrmCdp.IntegrationTests.Email;

/// <summary>The app with a real SMTP server to send through and a real IMAP server (dovecot) to read from.</summary>
public sealed class InboxApp : AppFixture, IAsyncLifetime
{
    /// <summary>Small, so a test can send an attachment over it.</summary>
    public const int MaxAttachmentBytes = 1024 * 1024;

    private TestImapServer? _imap;

    public TestSmtpServer Smtp { get; } = TestSmtpServer.Start();

    public TestImapServer Imap => _imap ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        _imap = await TestImapServer.StartAsync();
        await StartAsync("inbox", settings: new Dictionary<string, string?>(Smtp.AppSettings()) { ["Email:MaxAttachmentBytes"] = MaxAttachmentBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        await Smtp.DisposeAsync();
        if (_imap is not null)
        {
            await _imap.DisposeAsync();
        }
    }
}
