using CrmCdp.Web.Platform.Jobs;
using CrmCdp.Web.Platform.Seeding;
using CrmCdp.Web.Platform.Settings;
using Hangfire;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace CrmCdp.Web.Platform;

/// <summary>What runs once before the app serves: migrations, seeding, recurring job registration.</summary>
internal static partial class StartupTasks
{
    public const string MigrateSwitch = "--migrate";
    public const string SeedDemoSwitch = "--seed-demo";

    /// <summary>Removes our switches so the configuration's command-line parser never sees them.</summary>
    public static (string[] Remaining, StartupSwitches Switches) ParseSwitches(string[] args) =>
        (args.Where(a => a is not MigrateSwitch and not SeedDemoSwitch).ToArray(),
         new StartupSwitches(args.Contains(MigrateSwitch), args.Contains(SeedDemoSwitch)));

    public static bool MigrationRequested(IConfiguration configuration, StartupSwitches switches) =>
        switches.Migrate || SettingsRegistration.Read<DatabaseOptions>(configuration).MigrateOnStartup;

    public static async Task<bool> RunAsync(WebApplication app, StartupSwitches switches)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CrmCdp.Startup");
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<AppDbContext>();
            if (MigrationRequested(app.Configuration, switches))
            {
                // Creating the history table first keeps EF from logging a failed query against a fresh database.
                await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync();
                await db.Database.MigrateAsync();
            }

            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            if (pending.Count > 0)
            {
                LogPendingMigrations(logger, pending.Count);
                return true;
            }

            var admin = await services.GetRequiredService<IdentitySeeder>().SeedAsync(CancellationToken.None);
            if (admin is { PasswordWasGenerated: true })
            {
                Console.WriteLine($"[CrmCdp] First admin created: {admin.Email} / {admin.Password}  (shown once; change it after signing in)");
            }

            var firstDevelopmentStart = admin is not null && app.Environment.IsDevelopment()
                && SettingsRegistration.Read<DemoOptions>(app.Configuration).SeedOnFirstStart;
            if (switches.SeedDemo || firstDevelopmentStart)
            {
                await SeedDemoAsync(app, services, admin);
            }

            var recurring = services.GetRequiredService<IRecurringJobManager>();
            foreach (var definition in services.GetServices<IRecurringJobDefinition>())
            {
                definition.Register(recurring);
            }
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == "3D000")
        {
            Console.Error.WriteLine($"[CrmCdp] Cannot use the PostgreSQL database: {ex.MessageText}. Start once with --migrate "
                + "(or Database__MigrateOnStartup=true) to create it and its tables.");
            return false;
        }
        catch (NpgsqlException ex)
        {
            Console.Error.WriteLine($"[CrmCdp] Cannot use the PostgreSQL database: {ex.Message}");
            Console.Error.WriteLine($"[CrmCdp] {LocalPostgres.LocalDevelopmentDatabase.HowToFix}");
            return false;
        }
    }

    private static async Task SeedDemoAsync(WebApplication app, IServiceProvider services, BootstrapAdmin? admin)
    {
        var password = SettingsRegistration.Read<BootstrapOptions>(app.Configuration).DemoUserPassword;
        var printPassword = false;
        if (string.IsNullOrWhiteSpace(password))
        {
            password = admin is { PasswordWasGenerated: true } ? admin.Password : IdentitySeeder.GeneratePassword();
            printPassword = true;
        }

        var created = await services.GetRequiredService<DemoDataSeeder>().SeedAsync(password);
        if (created.Count > 0 && printPassword && app.Environment.IsDevelopment())
        {
            Console.WriteLine($"[CrmCdp] Demo users (password {password}): {string.Join(", ", created)}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} database migration(s) are pending; start once with --migrate (or Database__MigrateOnStartup=true). Seeding is skipped.")]
    private static partial void LogPendingMigrations(ILogger logger, int count);
}

internal sealed record StartupSwitches(bool Migrate, bool SeedDemo);
