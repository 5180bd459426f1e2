using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CrmCdp.TestSupport;

/// <summary>The real application on its own test database, with a known admin and API key.</summary>
public sealed class CrmCdpAppFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@test.crmcdp.local";
    public const string AdminPassword = "Admin-Passw0rd-Test";
    public const string AdminApiKey = "crm_test_bootstrap_key_0123456789abcdef";

    private readonly string _connectionString;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public CrmCdpAppFactory(string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _connectionString = connectionString;
        _settings = settings ?? new Dictionary<string, string?>();
    }

    public string ConnectionString => _connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development, static assets of packages (MudBlazor, blazor.web.js) are only found through the build's manifest.
        builder.UseStaticWebAssets();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = _connectionString,
            ["Database:MigrateOnStartup"] = "true",
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = AdminPassword,
            ["Bootstrap:ApiKey"] = AdminApiKey,
            ["Jobs:QueuePollIntervalSeconds"] = "1",
            ["Jobs:WorkerCount"] = "2",
            // Every test signs in and calls the API from one address; the limits get their own test app.
            ["RateLimits:LoginPerMinute"] = "100000",
            ["RateLimits:ApiPerMinute"] = "1000000",
            ["RateLimits:FormsPerMinute"] = "1000000",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Warning",
            ["Serilog:MinimumLevel:Override:Hangfire"] = "Warning",
        };
        if (TestPostgres.DirectFor(_connectionString) is { } direct)
        {
            // Behind PgBouncer in transaction mode, as the README says to run it: LISTEN connects directly, Hangfire polls.
            settings["ConnectionStrings:Listen"] = direct;
            settings["Jobs:LongPolling"] = "false";
        }

        foreach (var (key, value) in _settings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
