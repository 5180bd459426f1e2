using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Insights;

/// <summary>
/// Retention: people are put in the cohort of the day or week (on the zone's clock) of their first start event in the
/// range; a cohort's period k holds those who performed the return event in the k-th day or week after their cohort's
/// start (period 0 is the cohort's own). Periods still to come answer null, so the table is the usual triangle.
/// </summary>
internal sealed class Retention(IDbContextFactory<AppDbContext> dbFactory, TimeProvider timeProvider)
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
        var zone = InsightBuckets.Zone(request.TimeZone);
        var period = request.Interval == "day" ? TimeSpan.FromDays(1) : TimeSpan.FromDays(7);
        var starts = InsightEventRows.Compile(request.StartEvent!.Event!, request.StartEvent.Where, "a", withProfile: true);
        // The return events are read past the range, as far as the last cohort's last period.
        var returns = InsightEventRows.Compile(request.ReturnEvent!.Event!, request.ReturnEvent.Where, "r", withProfile: true, until: "@returns_to");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            WITH cohorts AS (
                SELECT pe.profile_id, date_trunc(@unit, min(pe."timestamp") AT TIME ZONE @zone) AS cohort
                FROM ({starts.Sql}) pe WHERE pe.profile_id IS NOT NULL GROUP BY 1),
            returned AS (
                SELECT DISTINCT c.cohort, c.profile_id,
                       (extract(epoch FROM date_trunc(@unit, r."timestamp" AT TIME ZONE @zone) - c.cohort) / @period_seconds)::int AS k
                FROM cohorts c JOIN ({returns.Sql}) r ON r.profile_id = c.profile_id
                WHERE date_trunc(@unit, r."timestamp" AT TIME ZONE @zone) >= c.cohort)
            SELECT cohort, -1, count(*) FROM cohorts GROUP BY 1
            UNION ALL
            SELECT cohort, k, count(*) FROM returned WHERE k < @periods GROUP BY 1, 2
            """, (NpgsqlConnection)db.Database.GetDbConnection()) { CommandTimeout = InsightAccess.TimeLimitSeconds };
        starts.AddTo(command);
        returns.AddTo(command);
        command.Parameters.AddWithValue("from", request.From!.Value);
        command.Parameters.AddWithValue("to", request.To!.Value);
        command.Parameters.AddWithValue("returns_to", request.To!.Value + (period * request.Periods));
        command.Parameters.AddWithValue("unit", request.Interval!);
        command.Parameters.AddWithValue("zone", zone.Id);
        command.Parameters.AddWithValue("period_seconds", period.TotalSeconds);
        command.Parameters.AddWithValue("periods", request.Periods);
        var sizes = new SortedDictionary<DateTime, long>();
        var counts = new Dictionary<(DateTime, int), long>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var (cohort, k, count) = (reader.GetDateTime(0), reader.GetInt32(1), reader.GetInt64(2));
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

        var now = TimeZoneInfo.ConvertTime(timeProvider.GetUtcNow(), zone).DateTime;
        return new RetentionResult([.. sizes.Select(s => new RetentionCohort(
            InsightBuckets.Moment(s.Key, zone), s.Value,
            [.. Enumerable.Range(0, request.Periods).Select(k => s.Key + (period * k) > now ? (long?)null : counts.GetValueOrDefault((s.Key, k)))]))]);
    }
}
