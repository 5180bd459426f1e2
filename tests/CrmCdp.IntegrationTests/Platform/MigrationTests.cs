using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CrmCdp.IntegrationTests.Platform;

public sealed class MigrationTests
{
    private static readonly string[] CoreTables = ["admin_users", "admin_roles", "admin_role_permissions", "admin_api_keys", "admin_user_sessions"];

    [Fact]
    public async Task Migrations_apply_to_an_empty_database()
    {
        var postgres = await TestPostgres.GetAsync();
        var connectionString = await postgres.CreateDatabaseAsync("migrations");
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseRegistration.Configure(options, connectionString);
        await using var db = new AppDbContext(options.Options);

        Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ANY(@names)", connection);
        command.Parameters.AddWithValue("names", CoreTables);
        Assert.Equal(5L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_model_has_no_changes_missing_from_the_migrations()
    {
        var postgres = await TestPostgres.GetAsync();
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseRegistration.Configure(options, await postgres.CreateDatabaseAsync("modeldiff"));
        await using var db = new AppDbContext(options.Options);

        Assert.False(db.Database.HasPendingModelChanges(), "Run `dotnet ef migrations add <Name>`: the model differs from the last migration.");
    }
}
