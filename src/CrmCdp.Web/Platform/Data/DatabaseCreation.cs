using Npgsql;

namespace CrmCdp.Web.Platform.Data;

/// <summary>Whether the application database was there, was created, or cannot be had (and what an administrator must do).</summary>
internal sealed record DatabaseCreationResult(string Database, bool Created, string? Problem);

/// <summary>
/// The first start against a new server (a managed PostgreSQL, a fresh install) finds no application database: it is
/// created when the role may create databases; when it may not, the answer says so and gives the one statement an
/// administrator must run.
/// </summary>
internal static class DatabaseCreation
{
    private const string InvalidCatalogName = "3D000";
    private const string DuplicateDatabase = "42P04";
    private const string InsufficientPrivilege = "42501";

    /// <param name="create">Whether to create a missing database (the start migrates); otherwise a missing one is a problem to report.</param>
    public static async Task<DatabaseCreationResult> EnsureAsync(string connectionString, bool create = true, CancellationToken cancellationToken = default)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var database = string.IsNullOrEmpty(target.Database) ? target.Username : target.Database;
        // An unreachable server is not decided here: the start reports it where it first needs the database.
        if (string.IsNullOrEmpty(database) || await IsMissingAsync(connectionString, cancellationToken) is not true)
        {
            return new(database ?? "", false, null);
        }

        if (!create)
        {
            return new(database, false, $"The database \"{database}\" does not exist on {target.Host}:{target.Port}. Start CrmCdp once with --migrate "
                + "(or Database__MigrateOnStartup=true) to create it and its tables.");
        }

        // The database is missing: ask the server through one every PostgreSQL has (template1 where postgres is refused).
        foreach (var maintenance in new[] { "postgres", "template1" })
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Database = maintenance, Pooling = false };
            NpgsqlConnection connection;
            try
            {
                connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(cancellationToken);
            }
            catch (PostgresException)
            {
                continue;
            }

            await using (connection)
            {
                return await CreateAsync(connection, database, builder, cancellationToken);
            }
        }

        return new(database, false, $"The database \"{database}\" does not exist on {target.Host}:{target.Port}, and the role \"{target.Username}\" cannot reach "
            + $"the server's postgres or template1 database to create it. Ask an administrator to run:{Environment.NewLine}"
            + $"    CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\" OWNER \"{target.Username}\";{Environment.NewLine}then start CrmCdp again.");
    }

    private static async Task<DatabaseCreationResult> CreateAsync(NpgsqlConnection connection, string database, NpgsqlConnectionStringBuilder server, CancellationToken cancellationToken)
    {
        // Identifiers cannot be parameters: the server quotes the name itself.
        await using var quote = new NpgsqlCommand("SELECT quote_ident(@database), quote_ident(current_user)", connection);
        quote.Parameters.AddWithValue("database", database);
        string quotedDatabase, quotedRole;
        await using (var reader = await quote.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (quotedDatabase, quotedRole) = (reader.GetString(0), reader.GetString(1));
        }

        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quotedDatabase}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            return new(database, true, null);
        }
        catch (PostgresException ex) when (ex.SqlState == DuplicateDatabase)
        {
            return new(database, false, null);   // another instance created it a moment ago
        }
        catch (PostgresException ex) when (ex.SqlState == InsufficientPrivilege)
        {
            return new(database, false, $"The database {quotedDatabase} does not exist on {server.Host}:{server.Port}, and the role {quotedRole} may not create "
                + $"databases. Ask an administrator to run:{Environment.NewLine}    CREATE DATABASE {quotedDatabase} OWNER {quotedRole};{Environment.NewLine}"
                + "then start CrmCdp again.");
        }
    }

    /// <summary>true when the server says the database does not exist, false when it opens, null when the server cannot tell (unreachable).</summary>
    private static async Task<bool?> IsMissingAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            return false;
        }
        catch (PostgresException ex) when (ex.SqlState == InvalidCatalogName)
        {
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return null;
        }
    }
}
