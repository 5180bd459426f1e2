using System.Diagnostics;

namespace CrmCdp.Web.Platform.LocalPostgres;

/// <summary>Finds the machine's PostgreSQL server binaries (initdb, pg_ctl).</summary>
internal static class PostgresBinaries
{
    public static string? FindBinDirectory()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("PG_BINDIR");
        if (IsServerBinDirectory(fromEnvironment))
        {
            return fromEnvironment;
        }

        var fromPgConfig = TryRun("pg_config", "--bindir");
        if (IsServerBinDirectory(fromPgConfig))
        {
            return fromPgConfig;
        }

        // Debian/Ubuntu keep server binaries out of PATH, one folder per major version.
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(dir => Path.Combine(dir, "bin"))
                .Where(IsServerBinDirectory)
                .OrderByDescending(dir => int.TryParse(Path.GetFileName(Path.GetDirectoryName(dir)), out var major) ? major : 0)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        return null;
    }

    private static bool IsServerBinDirectory(string? directory) =>
        !string.IsNullOrWhiteSpace(directory)
        && File.Exists(Path.Combine(directory, "initdb"))
        && File.Exists(Path.Combine(directory, "pg_ctl"));

    private static string? TryRun(string fileName, string argument)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(fileName, argument)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
