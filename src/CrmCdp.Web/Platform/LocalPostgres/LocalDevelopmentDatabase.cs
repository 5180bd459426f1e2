using System.Security.Cryptography;
using CrmCdp.Web.Platform.Settings;

namespace CrmCdp.Web.Platform.LocalPostgres;

/// <summary>
/// Gives a fresh clone a database with no configuration: in Development, when no connection string
/// is set, a persistent cluster under <c>.data/postgres</c> is started from the machine's binaries.
/// </summary>
internal static class LocalDevelopmentDatabase
{
    public const string DatabaseName = "crmcdp";

    public const string HowToFix =
        "CrmCdp needs PostgreSQL. Either run `docker compose up` (PostgreSQL 16 and the app), "
        + "or install PostgreSQL (e.g. `apt-get install postgresql`) so the app can start a local cluster in .data/postgres, "
        + "or set ConnectionStrings__Default to a PostgreSQL connection string.";

    /// <summary>Returns a connection string, or null with the reason when no database can be had.</summary>
    public static LocalDatabaseResult Ensure(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString("Default");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new(configured, null, null);
        }

        if (!environment.IsDevelopment() || !SettingsRegistration.Read<DatabaseOptions>(configuration).StartLocalPostgres)
        {
            return new(null, "ConnectionStrings__Default is not set. " + HowToFix, null);
        }

        var binDirectory = PostgresBinaries.FindBinDirectory();
        if (binDirectory is null)
        {
            return new(null, "ConnectionStrings__Default is not set and no PostgreSQL binaries were found (pg_config --bindir). " + HowToFix, null);
        }

        var dataRoot = Path.Combine(FindRepositoryRoot(environment.ContentRootPath), ".data");
        Directory.CreateDirectory(dataRoot);
        try
        {
            var cluster = LocalPostgresCluster.Start(binDirectory, Path.Combine(dataRoot, "postgres"), ReadOrCreatePassword(dataRoot), durable: true);
            cluster.CreateDatabaseIfMissingAsync(DatabaseName).GetAwaiter().GetResult();
            Console.WriteLine($"[CrmCdp] Local PostgreSQL from {binDirectory} is serving {cluster.DataDirectory} on 127.0.0.1:{cluster.Port}.");
            return new(cluster.ConnectionString(DatabaseName), null, cluster.StartedHere ? cluster : null);
        }
        catch (InvalidOperationException ex)
        {
            return new(null, $"Starting a local PostgreSQL in {dataRoot} failed: {ex.Message} {HowToFix}", null);
        }
    }

    private static string ReadOrCreatePassword(string dataRoot)
    {
        var passwordFile = Path.Combine(dataRoot, "postgres.password");
        if (File.Exists(passwordFile))
        {
            return File.ReadAllText(passwordFile).Trim();
        }

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(passwordFile, password);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return password;
    }

    private static string FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CrmCdp.sln")))
            {
                return directory.FullName;
            }
        }

        return start;
    }
}

internal sealed record LocalDatabaseResult(string? ConnectionString, string? Problem, LocalPostgresCluster? StartedCluster);
