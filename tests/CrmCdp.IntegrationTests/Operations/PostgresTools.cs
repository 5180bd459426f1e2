using System.Diagnostics;
using CrmCdp.Web.Platform.LocalPostgres;
using Npgsql;

namespace CrmCdp.IntegrationTests.Operations;

/// <summary>The machine's PostgreSQL client tools (pg_dump, pg_restore, psql), run against a database as an operator would.</summary>
internal static class PostgresTools
{
    public static async Task RunAsync(string tool, string connectionString, CancellationToken cancellationToken, params string[] arguments)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString);
        var bin = PostgresBinaries.FindBinDirectory() ?? throw new InvalidOperationException("No PostgreSQL binaries (pg_config --bindir).");
        var start = new ProcessStartInfo(Path.Combine(bin, tool)) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])[$"--host={database.Host}", $"--port={database.Port}", $"--username={database.Username}", $"--dbname={database.Database}", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGPASSWORD"] = database.Password;
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, $"{tool} failed: {await errors}");
    }
}
