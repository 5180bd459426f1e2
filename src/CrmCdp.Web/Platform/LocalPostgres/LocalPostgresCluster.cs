using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CrmCdp.Web.Platform.LocalPostgres;

/// <summary>
/// A PostgreSQL cluster run from the machine's own binaries in a folder we own: the persistent
/// development database under <c>.data/postgres</c> and the throwaway clusters of the test suites.
/// </summary>
internal sealed class LocalPostgresCluster
{
    private const string SuperUser = "postgres";
    private const string ServiceAccount = "postgres";

    private readonly string _binDirectory;
    private readonly string _dataDirectory;
    private readonly string _password;
    private readonly bool _runAsServiceAccount;

    private LocalPostgresCluster(string binDirectory, string dataDirectory, string password, int port)
    {
        _binDirectory = binDirectory;
        _dataDirectory = dataDirectory;
        _password = password;
        Port = port;
        // initdb refuses to run as root, so as root every server command runs as the postgres account.
        _runAsServiceAccount = Environment.UserName == "root";
    }

    public int Port { get; private set; }

    /// <summary>False when a server already running on the folder was reused.</summary>
    public bool StartedHere { get; private set; }

    public string DataDirectory => _dataDirectory;

    /// <summary>Initialises the cluster when the folder is empty, then starts it (or reuses a running one).</summary>
    /// <param name="durable">false for throwaway test clusters: fsync and friends are switched off.</param>
    public static LocalPostgresCluster Start(string binDirectory, string dataDirectory, string password, bool durable)
    {
        var cluster = new LocalPostgresCluster(binDirectory, Path.GetFullPath(dataDirectory), password, 0);
        cluster.InitialiseIfEmpty(durable);
        cluster.StartOrReuse();
        return cluster;
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Password = _password,
        Database = database,
    }.ConnectionString;

    public async Task CreateDatabaseIfMissingAsync(string database, CancellationToken cancellationToken = default)
    {
        if ((await Data.DatabaseCreation.EnsureAsync(ConnectionString(database), create: true, cancellationToken)).Problem is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
    }

    public void Stop()
    {
        RunTool("pg_ctl", ["stop", "-D", _dataDirectory, "-m", "fast", "-w", "-t", "60"], throwOnFailure: false);
    }

    private void InitialiseIfEmpty(bool durable)
    {
        if (File.Exists(Path.Combine(_dataDirectory, "PG_VERSION")))
        {
            return;
        }

        Directory.CreateDirectory(_dataDirectory);
        GrantToServiceAccount(_dataDirectory);

        var passwordFile = Path.Combine(_dataDirectory, "..", $".pwfile-{Guid.NewGuid():N}");
        File.WriteAllText(passwordFile, _password);
        GrantToServiceAccount(passwordFile);
        try
        {
            string[] common = ["-D", _dataDirectory, "-U", SuperUser, "-E", "UTF8", "--auth-local=trust", "--auth-host=scram-sha-256", $"--pwfile={passwordFile}"];
            if (!RunTool("initdb", [.. common, "--locale=C.UTF-8"], throwOnFailure: false))
            {
                RunTool("initdb", [.. common, "--no-locale"], throwOnFailure: true);
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }

        var settings = new List<string>
        {
            "listen_addresses = '127.0.0.1'",
            $"unix_socket_directories = '{_dataDirectory.Replace("'", "''", StringComparison.Ordinal)}'",
            "max_connections = 200",
            // Event ingestion writes WAL fast: room to buffer it and fewer, spread-out checkpoints keep commits flat.
            "shared_buffers = 256MB",
            "wal_buffers = 16MB",
            "max_wal_size = 4GB",
            "checkpoint_timeout = 15min",
            // Kept WAL segments are recycled instead of created and zero-filled under the WAL write lock (100+ ms commits),
            // and backends hand written pages to the kernel in small steps instead of leaving bursts for its flusher.
            "min_wal_size = 2GB",
            "backend_flush_after = 256kB",
        };
        if (!durable)
        {
            settings.AddRange(["fsync = off", "synchronous_commit = off", "full_page_writes = off"]);
        }

        File.AppendAllLines(Path.Combine(_dataDirectory, "postgresql.conf"), settings);
    }

    private void StartOrReuse()
    {
        var runningPort = ReadPortOfRunningServer();
        if (runningPort is not null)
        {
            Port = runningPort.Value;
            return;
        }

        Port = FindFreePort();
        var logFile = Path.Combine(_dataDirectory, "server.log");
        RunTool("pg_ctl", ["start", "-D", _dataDirectory, "-w", "-t", "60", "-l", logFile, "-o", $"-p {Port}"], throwOnFailure: true);
        StartedHere = true;
    }

    private int? ReadPortOfRunningServer()
    {
        var pidFile = Path.Combine(_dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile) || !RunTool("pg_ctl", ["status", "-D", _dataDirectory], throwOnFailure: false))
        {
            return null;
        }

        // postmaster.pid: line 4 holds the port the server listens on.
        var lines = File.ReadAllLines(pidFile);
        return lines.Length > 3 && int.TryParse(lines[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) ? port : null;
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void GrantToServiceAccount(string path)
    {
        if (_runAsServiceAccount)
        {
            RunProcess("chown", [$"{ServiceAccount}:", path], throwOnFailure: true);
        }
    }

    private bool RunTool(string tool, string[] arguments, bool throwOnFailure)
    {
        var executable = Path.Combine(_binDirectory, tool);
        return _runAsServiceAccount
            ? RunProcess("runuser", ["-u", ServiceAccount, "--", executable, .. arguments], throwOnFailure)
            : RunProcess(executable, arguments, throwOnFailure);
    }

    private static bool RunProcess(string fileName, IEnumerable<string> arguments, bool throwOnFailure)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0 && throwOnFailure)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', startInfo.ArgumentList)} failed with exit code {process.ExitCode}: {error.Result}{output.Result}");
        }

        return process.ExitCode == 0;
    }
}
