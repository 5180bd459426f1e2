using CrmCdp.TestSupport;

namespace CrmCdp.IntegrationTests.Email;

/// <summary>The app pointed at a real SMTP server started for the test class, through the documented Email__ keys.</summary>
public sealed class MailApp : AppFixture, IAsyncLifetime
{
    public TestSmtpServer Smtp { get; } = TestSmtpServer.Start();

    public ValueTask InitializeAsync() => new(StartAsync("mail", settings: Smtp.AppSettings()));

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
