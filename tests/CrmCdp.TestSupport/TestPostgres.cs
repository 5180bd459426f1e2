using CrmCdp.Web.Platform.LocalPostgres;
using Npgsql;
using Testcontainers.PostgreSql;

namespace CrmCdp.TestSupport;

/// <summary>
/// One PostgreSQL server per test run, from (in order) <c>TEST_PG_CONNECTION</c>, Testcontainers when a
/// Docker engine answers, or a throwaway cluster built from the machine's PostgreSQL binaries.
/// Each test class asks it for a database of its own.
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static TestPostgres? _shared;

    private readonly string _adminConnectionString;
    private readonly Func<ValueTask> _stop;
    private readonly TestPgBouncer? _bouncer;
    private int _databaseCounter;

    private TestPostgres(string adminConnectionString, string origin, Func<ValueTask> stop)
    {
        _adminConnectionString = adminConnectionString;
        _bouncer = TestPgBouncer.Wanted ? TestPgBouncer.Start(adminConnectionString) : null;
        Origin = _bouncer is null ? origin : $"{origin}, through PgBouncer in transaction mode on port {_bouncer.Port}";
        _stop = stop;
    }

    /// <summary>Where the server came from: environment, testcontainers or local binaries.</summary>
    public string Origin { get; }

    public static async Task<TestPostgres> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _shared ??= await StartAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Stops the run's server if one was started; a no-op otherwise.</summary>
    public static async ValueTask StopSharedAsync()
    {
        var shared = _shared;
        if (shared is not null)
        {
            await shared.DisposeAsync();
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = $"t_{SafePart(purpose)}_{Interlocked.Increment(ref _databaseCounter)}_{Guid.NewGuid().ToString("N")[..6]}";
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        // Identifiers cannot be parameters; the name is built above from letters, digits and underscores only.
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        var connectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name, Pooling = true, MaxPoolSize = 50 }.ConnectionString;
        return _bouncer?.Through(connectionString) ?? connectionString;
    }

    /// <summary>
    /// A direct connection to the server for a database the tests reach through PgBouncer (for LISTEN, which needs a
    /// session of its own); null when they reach the server directly.
    /// </summary>
    public static string? DirectFor(string connectionString)
    {
        if (_shared?._bouncer is null)
        {
            return null;
        }

        var server = new NpgsqlConnectionStringBuilder(_shared._adminConnectionString);
        return new NpgsqlConnectionStringBuilder(connectionString) { Host = server.Host, Port = server.Port, NoResetOnClose = false }.ConnectionString;
    }

    /// <summary>
    /// Closes every connection to the database: the app's pools (EF Core, Hangfire, the data sources) are keyed by
    /// connection string and outlive the host, so without this each finished test class keeps its idle connections
    /// until the server runs out of slots.
    /// </summary>
    public async Task ReleaseConnectionsAsync(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var terminate = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @database AND pid <> pg_backend_pid()", connection);
        terminate.Parameters.AddWithValue("database", database ?? string.Empty);
        await terminate.ExecuteScalarAsync();
    }

    /// <summary>A connection string to a database of this server that need not exist, as the admin or as another role.</summary>
    public string ConnectionStringFor(string database, string? user = null, string? password = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = database, Pooling = false };
        if (user is not null)
        {
            (builder.Username, builder.Password) = (user, password);
        }

        return builder.ConnectionString;
    }

    /// <summary>Creates a login role with a password; it may create databases only when told so.</summary>
    public async Task<(string User, string Password)> CreateRoleAsync(string purpose, bool mayCreateDatabases)
    {
        var user = $"r_{SafePart(purpose)}_{Guid.NewGuid().ToString("N")[..8]}";
        var password = Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        // Identifiers and the password of CREATE ROLE cannot be parameters; both are built above from letters, digits and underscores.
        await using var create = new NpgsqlCommand(
            $"CREATE ROLE \"{user}\" LOGIN PASSWORD '{password}' {(mayCreateDatabases ? "CREATEDB" : "NOCREATEDB")}", connection);
        await create.ExecuteNonQueryAsync();
        return (user, password);
    }

    public async ValueTask DisposeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (ReferenceEquals(_shared, this))
            {
                _shared = null;
            }

            _bouncer?.Dispose();
            await _stop();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<TestPostgres> StartAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("TEST_PG_CONNECTION");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return new TestPostgres(fromEnvironment, "TEST_PG_CONNECTION", () => ValueTask.CompletedTask);
        }

        var container = await TryStartContainerAsync();
        if (container is not null)
        {
            return new TestPostgres(container.GetConnectionString(), "Testcontainers", container.DisposeAsync);
        }

        return StartLocalCluster();
    }

    private static async Task<PostgreSqlContainer?> TryStartContainerAsync()
    {
        if (!DockerMightAnswer())
        {
            return null;
        }

        try
        {
            var container = new PostgreSqlBuilder("postgres:16-alpine").Build();
            await container.StartAsync();
            return container;
        }
#pragma warning disable CA1031 // Any failure to reach Docker means: use the local binaries instead.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <summary>Skips Testcontainers' own probing (slow) when there is plainly no Docker socket or host.</summary>
    private static bool DockerMightAnswer() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST"))
        || File.Exists("/var/run/docker.sock")
        || OperatingSystem.IsWindows()
        || OperatingSystem.IsMacOS();

    private static TestPostgres StartLocalCluster()
    {
        var binDirectory = PostgresBinaries.FindBinDirectory()
            ?? throw new InvalidOperationException(
                "Tests need PostgreSQL: set TEST_PG_CONNECTION, run a Docker engine, or install the PostgreSQL server binaries (pg_config --bindir).");
        var root = Path.Combine(Path.GetTempPath(), $"crmcdp-test-pg-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(root);
        var cluster = LocalPostgresCluster.Start(binDirectory, Path.Combine(root, "data"), Guid.NewGuid().ToString("N"), durable: false);
        var stopped = 0;
        void Stop()
        {
            if (Interlocked.Exchange(ref stopped, 1) == 1)
            {
                return;
            }

            cluster.Stop();
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless; the server itself is stopped.
            }
        }

        // Also stop the cluster when the test host exits without disposing us (a crash or a cancelled run).
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        return new TestPostgres(cluster.ConnectionString("postgres"), $"local binaries in {root}", () =>
        {
            Stop();
            return ValueTask.CompletedTask;
        });
    }

    private static string SafePart(string purpose) =>
        new([.. purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(30)]);
}
