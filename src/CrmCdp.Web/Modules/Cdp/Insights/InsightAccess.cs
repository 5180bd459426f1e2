using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Insights;

internal static class InsightAccess
{
    public const string Denied = "Your role cannot read insights.";

    /// <summary>How long one question may run before it is cancelled and answered with a message instead.</summary>
    public const int TimeLimitSeconds = 30;

    /// <summary>Runs a question; one that passes the time limit is cancelled and answered as a clear 400 on its range, never a 500.</summary>
    /// <param name="cancellationToken">The asker's: when it is cancelled (the question was replaced, the page closed), the question is cancelled in PostgreSQL and an <see cref="OperationCanceledException"/> is thrown, not a time-limit answer.</param>
    public static async Task<OperationResult<T>> WithinTimeLimitAsync<T>(Func<Task<T>> question, CancellationToken cancellationToken = default)
    {
        try
        {
            return OperationResult<T>.Ok(await question());
        }
        catch (Exception e) when (e is NpgsqlException or PostgresException && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The question was cancelled by its asker.", e, cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException { InnerException: TimeoutException } or PostgresException { SqlState: PostgresErrorCodes.QueryCanceled })
        {
            return OperationResult<T>.Invalid("from", $"This question took more than {TimeLimitSeconds} seconds; ask over a shorter range, or with fewer steps or no breakdown.");
        }
    }

    /// <summary>
    /// What an insight's statements run with: memory enough that a million people's sorts and hashes stay off disk; no
    /// JIT, whose compiling costs more than it saves on these one-off statements; and the cost of a random read as on the
    /// SSDs events live on, so the planner reads an event name's range through its covering index rather than scanning
    /// every event (ADR 0026).
    /// </summary>
    public const string Settings = "SET LOCAL work_mem = '64MB'; SET LOCAL jit = off; SET LOCAL random_page_cost = 1.1";

    /// <summary>
    /// Opens the question's connection in a transaction with <see cref="Settings"/>, which end with it (so they hold through
    /// PgBouncer's transaction pooling and never leak into a pooled connection).
    /// </summary>
    public static async Task<IDbContextTransaction> BeginAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(Settings, cancellationToken);
        return transaction;
    }

    public static string Label(DateTimeOffset t, string interval) => interval switch
    {
        "hour" => t.ToString("MMM d HH:mm", CultureInfo.CurrentCulture),
        "month" => t.ToString("MMM yyyy", CultureInfo.CurrentCulture),
        _ => t.ToString("MMM d", CultureInfo.CurrentCulture),
    };
}
