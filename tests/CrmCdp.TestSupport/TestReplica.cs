using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CrmCdp.Web.Platform.LocalPostgres;
using Npgsql;

namespace CrmCdp.TestSupport;

/// <summary>
/// A primary and its streaming replica from the machine's PostgreSQL binaries: the replica is a <c>pg_basebackup</c> of
/// the primary started in standby mode, as an operator would set one up. Its replay can be paused to make it lag.
/// </summary>
public sealed class TestReplica : IAsyncDisposable
{
    private const string ServiceAccount = "postgres";

    private readonly LocalPostgresCluster _primary;
    private readonly string _root;
    private readonly string _bin;
    private readonly string _replicaData;
    private readonly int _replicaPort;

    private TestReplica(LocalPostgresCluster primary, string root, string bin, string replicaData, int replicaPort)
    {
        _primary = primary;
        _root = root;
        _bin = bin;
        _replicaData = replicaData;
        _replicaPort = replicaPort;
    }

    private static bool AsRoot => Environment.UserName == "root";

    /// <summary>Starts a primary holding an empty <paramref name="database"/> and a replica streaming from it.</summary>
    public static async Task<TestReplica> StartAsync(string database)
    {
        var bin = PostgresBinaries.FindBinDirectory() ?? throw new InvalidOperationException("A replica needs the PostgreSQL server binaries (pg_config --bindir).");
        var root = Path.Combine(Path.GetTempPath(), $"crmcdp-replica-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        var primary = LocalPostgresCluster.Start(bin, Path.Combine(root, "primary"), Guid.NewGuid().ToString("N"), durable: false);
        await primary.CreateDatabaseIfMissingAsync(database);
        var server = new NpgsqlConnectionStringBuilder(primary.ConnectionString("postgres"));
        var replicaData = Path.Combine(root, "replica");
        if (AsRoot)
        {
            Run("chown", $"{ServiceAccount}:", root);
        }

        // -R writes the standby's primary_conninfo and standby.signal, so it starts as a streaming replica.
        RunTool(bin, "pg_basebackup", server.Password, "--host=127.0.0.1", $"--port={server.Port}", $"--username={server.Username}", $"--pgdata={replicaData}",
            "--write-recovery-conf", "--wal-method=stream", "--checkpoint=fast");
        var port = FreePort();
        RunTool(bin, "pg_ctl", null, "start", "-D", replicaData, "-w", "-t", "60", "-l", Path.Combine(root, "replica.log"),
            "-o", $"-p {port} -c unix_socket_directories='{root}' -c listen_addresses='127.0.0.1'");
        return new TestReplica(primary, root, bin, replicaData, port);
    }

    public string PrimaryConnectionString(string database) => _primary.ConnectionString(database);

    public string ReplicaConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(_primary.ConnectionString(database)) { Port = _replicaPort }.ConnectionString;

    /// <summary>Stops applying what the primary sends (the WAL still arrives): the replica lags from now on.</summary>
    public Task PauseReplayAsync() => OnReplicaAsync("SELECT pg_wal_replay_pause()");

    public Task ResumeReplayAsync() => OnReplicaAsync("SELECT pg_wal_replay_resume()");

    public ValueTask DisposeAsync()
    {
        RunTool(_bin, "pg_ctl", null, "stop", "-D", _replicaData, "-m", "immediate", "-w", "-t", "60");
        _primary.Stop();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; both servers are stopped.
        }

        return ValueTask.CompletedTask;
    }

    private async Task OnReplicaAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ReplicaConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static void RunTool(string bin, string tool, string? password, params string[] arguments)
    {
        var executable = Path.Combine(bin, tool);
        string[] withPassword = password is null ? [executable, .. arguments] : ["env", $"PGPASSWORD={password}", executable, .. arguments];
        if (AsRoot)
        {
            Run("runuser", ["-u", ServiceAccount, "--", .. withPassword]);
        }
        else
        {
            Run(withPassword[0], withPassword[1..]);
        }
    }

    private static void Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments) { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = Path.GetTempPath() };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {fileName}.");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed: {errors.Result}{output.Result}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
