using CrmCdp.TestSupport;

namespace CrmCdp.IntegrationTests.Email;

/// <summary>The app with a real SMTP server to send through and a real IMAP server (dovecot) to read from.</summary>
public sealed class InboxApp : AppFixture, IAsyncLifetime
{
    private TestImapServer? _imap;

    public TestSmtpServer Smtp { get; } = TestSmtpServer.Start();

    public TestImapServer Imap => _imap ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        _imap = await TestImapServer.StartAsync();
        await StartAsync("inbox", settings: Smtp.AppSettings());
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
