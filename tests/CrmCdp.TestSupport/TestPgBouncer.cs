using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CrmCdp.TestSupport;

/// <summary>
/// Debian's PgBouncer in transaction mode in front of the test server, when <c>TEST_PGBOUNCER=1</c>: the databases the
/// tests create are then reached through it, as docker-compose.scale.yml runs the app, with the Npgsql settings that mode
/// needs; LISTEN connects directly (<see cref="TestPostgres.DirectFor"/>).
/// </summary>
internal sealed class TestPgBouncer : IDisposable
{
    private const string ServiceAccount = "postgres";

    private readonly Process _process;
    private readonly string _directory;

    private TestPgBouncer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public static bool Wanted => Environment.GetEnvironmentVariable("TEST_PGBOUNCER") is "1" or "true";

    public int Port { get; }

    public static TestPgBouncer Start(string serverConnectionString)
    {
        var server = new NpgsqlConnectionStringBuilder(serverConnectionString);
        var executable = new[] { "/usr/sbin/pgbouncer", "/usr/bin/pgbouncer" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("TEST_PGBOUNCER is set but PgBouncer is not installed (apt-get install pgbouncer).");
        var directory = Path.Combine(Path.GetTempPath(), $"crmcdp-pgbouncer-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var port = FreePort();
        var configuration = Path.Combine(directory, "pgbouncer.ini");
        File.WriteAllText(Path.Combine(directory, "users.txt"), $"\"{server.Username}\" \"{server.Password}\"\n");
        File.WriteAllText(configuration, $"""
            [databases]
            * = host={server.Host} port={server.Port}

            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = {port}
            unix_socket_dir =
            auth_type = scram-sha-256
            auth_file = {directory}/users.txt
            pool_mode = transaction
            max_client_conn = 4000
            default_pool_size = 40
            ignore_startup_parameters = extra_float_digits
            logfile = {directory}/pgbouncer.log
            """);
        // PgBouncer refuses to run as root.
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", "-R", $"{ServiceAccount}:", directory);
        }

        var start = asRoot ? new ProcessStartInfo("runuser", ["-u", ServiceAccount, "--", executable, configuration]) : new ProcessStartInfo(executable, [configuration]);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start PgBouncer.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var bouncer = new TestPgBouncer(process, directory, port);
        bouncer.WaitUntilListening();
        return bouncer;
    }

    /// <summary>The same database through PgBouncer: no DISCARD ALL on returning a connection to the pool, which transaction mode forbids.</summary>
    public string Through(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = Port, NoResetOnClose = true }.ConnectionString;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; PgBouncer itself is stopped.
        }
    }

    private void WaitUntilListening()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(15) && !_process.HasExited)
            {
                Thread.Sleep(100);
            }
            catch (SocketException e)
            {
                var log = Path.Combine(_directory, "pgbouncer.log");
                throw new InvalidOperationException($"PgBouncer did not start: {(File.Exists(log) ? File.ReadAllText(log) : "no log")}", e);
            }
        }
    }

    private static void Run(string fileName, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(fileName, arguments)) ?? throw new InvalidOperationException($"Could not run {fileName}.");
        process.WaitForExit();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
