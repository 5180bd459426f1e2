using CrmCdp.IntegrationTests.Cdp;
using CrmCdp.TestSupport;
using Npgsql;

namespace CrmCdp.IntegrationTests.Platform;

/// <summary>The first production start against a server whose database does not exist yet (a managed PostgreSQL, a fresh install).</summary>
public sealed class FirstStartTests
{
    private static readonly Dictionary<string, string> SwitchOnly = new() { ["Database__MigrateOnStartup"] = "false" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_migrate_a_missing_database_is_created_and_migrated_when_the_role_may_create_databases()
    {
        var postgres = await TestPostgres.GetAsync();
        var (user, password) = await postgres.CreateRoleAsync("creator", mayCreateDatabases: true);
        var database = $"first_start_{Guid.NewGuid():N}";

        await using (var app = await WebAppProcess.StartAsync(postgres.ConnectionStringFor(database, user, password), "first-start-key-0123456789abcdef", Ct,
            SwitchOnly, "--migrate"))
        {
            Assert.Contains($"Created the database {database}", app.RecentOutput, StringComparison.Ordinal);
        }

        await using var connection = new NpgsqlConnection(postgres.ConnectionStringFor(database, user, password));
        await connection.OpenAsync(Ct);
        await using var owner = new NpgsqlCommand("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()", connection);
        Assert.Equal(user, await owner.ExecuteScalarAsync(Ct));
        await using var migrated = new NpgsqlCommand("SELECT count(*) FROM platform_ef_migrations_history", connection);
        Assert.True((long)(await migrated.ExecuteScalarAsync(Ct))! > 10);
    }

    [Fact]
    public async Task A_role_that_may_not_create_databases_is_told_the_one_statement_an_administrator_must_run()
    {
        var postgres = await TestPostgres.GetAsync();
        var (user, password) = await postgres.CreateRoleAsync("limited", mayCreateDatabases: false);
        var database = $"first_start_{Guid.NewGuid():N}";

        var (exitCode, output) = await WebAppProcess.RunUntilExitAsync(postgres.ConnectionStringFor(database, user, password), TimeSpan.FromSeconds(90), Ct,
            SwitchOnly, "--migrate");

        Assert.Equal(1, exitCode);
        Assert.Contains($"CREATE DATABASE {database} OWNER {user};", output, StringComparison.Ordinal);
        Assert.DoesNotContain("docker compose", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_migrate_a_missing_database_stops_the_start_saying_how_to_create_it()
    {
        var postgres = await TestPostgres.GetAsync();
        var database = $"first_start_{Guid.NewGuid():N}";

        var (exitCode, output) = await WebAppProcess.RunUntilExitAsync(postgres.ConnectionStringFor(database), TimeSpan.FromSeconds(90), Ct, SwitchOnly);

        Assert.Equal(1, exitCode);
        Assert.Contains($"The database \"{database}\" does not exist", output, StringComparison.Ordinal);
        Assert.Contains("--migrate", output, StringComparison.Ordinal);
    }
}
