using CrmCdp.BrowserTests;
using CrmCdp.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(BrowserApp))]

namespace CrmCdp.BrowserTests;

/// <summary>
/// The app on a real Kestrel port and one headless Debian chromium for the whole assembly;
/// each test opens its own browser context (own cookies and storage).
/// </summary>
public sealed class BrowserApp : AppFixture, IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, System.Collections.Concurrent.ConcurrentQueue<string>> _consoleErrors = new();

    /// <summary>Browser console errors (script failures, CSP violations) seen by one page of one test.</summary>
    public IReadOnlyCollection<string> ConsoleErrorsOf(IPage page) => _consoleErrors.GetOrCreateValue(page);

    public Uri BaseAddress => Factory.ClientOptions.BaseAddress;

    /// <summary>A real SMTP server the app sends through, so tests can follow emailed links.</summary>
    public TestSmtpServer Smtp { get; } = TestSmtpServer.Start();

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    /// <summary>A real HTTP receiver for destinations (which may reach loopback in this app).</summary>
    public TestWebhookReceiver Webhooks { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Webhooks = await TestWebhookReceiver.StartAsync();
        await StartAsync("browser", useKestrel: true, settings: new Dictionary<string, string?>(Smtp.AppSettings())
        {
            ["Forms:MinFillSeconds"] = "1",
            ["Destinations:AllowPrivateNetworks"] = "true",
        });
        // Marketing email is written by jobs, outside any request: its links need the public address, known once Kestrel has its port.
        var configuration = (IConfigurationRoot)Factory.Services.GetRequiredService<IConfiguration>();
        configuration["Email:PublicUrl"] = BaseAddress.ToString();
        configuration.Reload();
        // Expect(...) does not follow the context's default timeout; a Blazor round trip on a loaded CI machine can take more than its own 5 s.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumExecutable.Find(),
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 860 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.GetOrCreateValue(page).Enqueue($"{page.Url}: {message.Text}");
                File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "console-errors.log"), $"{page.Url}: {message.Text}\n");
            }
        };
        return page;
    }

    public new async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        await Webhooks.DisposeAsync();
        await TestPostgres.StopSharedAsync();
    }
}
