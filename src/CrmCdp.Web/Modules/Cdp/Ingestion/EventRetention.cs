using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Ingestion;

/// <summary>
/// Forgets raw events older than the retention (<see cref="EventOptions.RetentionMonths"/>): drops whole monthly partitions,
/// which costs no row-by-row delete and leaves no bloat, then the few old rows of the default partition and the events'
/// profiles (<c>cdp_event_profiles</c>). Profiles, the daily rollups and the merge log stay.
/// </summary>
internal sealed partial class EventRetention(IDbContextFactory<AppDbContext> dbFactory, IOptions<EventOptions> options, TimeProvider timeProvider, ILogger<EventRetention> logger)
{
    /// <summary>Drops what has expired; answers the partitions dropped.</summary>
    [SystemAccess("The daily event maintenance: the retention is the operator's setting, not a user's request.")]
    public async Task<IReadOnlyList<string>> DropExpiredAsync(CancellationToken cancellationToken)
    {
        if (options.Value.RetentionMonths <= 0)
        {
            return [];
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var cutoff = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-options.Value.RetentionMonths);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var partitions = await db.Database.SqlQueryRaw<string>(
            "SELECT c.relname::text AS \"Value\" FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'cdp_events'::regclass")
            .ToListAsync(cancellationToken);
        var dropped = new List<string>();
        foreach (var partition in partitions.Where(p => MonthOf(p) is { } month && month.AddMonths(1) <= cutoff).Order(StringComparer.Ordinal))
        {
            if (await DropAsync(db, partition, cancellationToken))
            {
                dropped.Add(partition);
            }
        }

        await db.Database.ExecuteSqlAsync($"DELETE FROM cdp_events_default WHERE \"timestamp\" < {cutoff}", cancellationToken);
        await db.Database.ExecuteSqlAsync($"DELETE FROM cdp_event_profiles WHERE \"timestamp\" < {cutoff}", cancellationToken);
        return dropped;
    }

    /// <summary>
    /// Drops one partition, waiting at most a few seconds for the lock on the events (which ingestion holds only for
    /// moments); one that cannot be dropped now is left for tomorrow's run rather than holding ingestion back.
    /// </summary>
    private async Task<bool> DropAsync(AppDbContext db, string partition, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("SET LOCAL lock_timeout = '5s'", cancellationToken);
            // Identifiers cannot be parameters: the name is the catalog's, of the form MonthOf checked, and quoted all the same.
            var drop = "DROP TABLE \"" + partition + "\"";
            await db.Database.ExecuteSqlRawAsync(drop, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            Dropped(logger, partition);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            Busy(logger, partition);
            return false;
        }
    }

    /// <summary>The month a monthly partition (<c>cdp_events_yyyy_MM</c>) holds; null for any other, such as the default one.</summary>
    private static DateTimeOffset? MonthOf(string partition) =>
        MonthlyPartition().Match(partition) is { Success: true } match
            ? new DateTimeOffset(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), 1, 0, 0, 0, TimeSpan.Zero)
            : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped the event partition {Partition}: its events are older than the retention")]
    private static partial void Dropped(ILogger logger, string partition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The event partition {Partition} was busy and is left for the next run")]
    private static partial void Busy(ILogger logger, string partition);

    [GeneratedRegex(@"^cdp_events_(\d{4})_(0[1-9]|1[0-2])$")]
    private static partial Regex MonthlyPartition();
}
