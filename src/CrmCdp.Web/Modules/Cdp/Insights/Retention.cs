using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Insights;

/// <summary>
/// Retention: people are put in the cohort of the day or week (on the zone's clock) of their first start event in the
/// range; a cohort's period k holds those who performed the return event in the k-th day or week after their cohort's
/// start (period 0 is the cohort's own). Periods still to come answer null, so the table is the usual triangle.
/// </summary>
internal sealed class Retention(ReadReplica readReplica, TimeProvider timeProvider)
{
    public async Task<OperationResult<RetentionResult>> RunAsync(AccessContext access, RetentionRequest? request, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.InsightsRead))
        {
            return OperationResult<RetentionResult>.Forbidden(InsightAccess.Denied);
        }

        if (InsightRequestValidator.Check(request) is { Count: > 0 } errors)
        {
            return OperationResult<RetentionResult>.Invalid(errors);
        }

        return await InsightAccess.WithinTimeLimitAsync(() => AnswerAsync(request!, cancellationToken), cancellationToken);
    }

    private async Task<RetentionResult> AnswerAsync(RetentionRequest request, CancellationToken cancellationToken)
    {
        var sql = new RetentionSql(request);
        await using var db = await readReplica.CreateDbContextAsync(cancellationToken);
        await using var question = await InsightAccess.BeginAsync(db, cancellationToken);
        await using var command = sql.Command((NpgsqlConnection)db.Database.GetDbConnection());
        var sizes = new SortedDictionary<int, long>();
        var counts = new Dictionary<(int, int), long>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var (cohort, k, count) = (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt64(2));
                if (k < 0)
                {
                    sizes[cohort] = count;
                }
                else
                {
                    counts[(cohort, k)] = count;
                }
            }
        }

        var now = timeProvider.GetUtcNow();
        DateTimeOffset Start(int period) => InsightBuckets.Moment(sql.Periods[period - 1], sql.Zone);
        return new RetentionResult([.. sizes.Select(s => new RetentionCohort(
            Start(s.Key), s.Value, [.. Enumerable.Range(0, request.Periods).Select(k => Start(s.Key + k) > now ? (long?)null : counts.GetValueOrDefault((s.Key, k)))]))]);
    }
}
