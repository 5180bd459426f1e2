using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Insights;

/// <summary>
/// Retention's statement: each person's cohort is the period of their first start event in the range, and each return
/// event counts in the period it falls in after the cohort's. Every period, from the first cohort's to the last cohort's
/// last, is a moment passed in: the statement finds an event's period by a binary search of them (width_bucket), numbered
/// from 1, instead of converting each event's time to the zone's clock.
/// </summary>
internal sealed class RetentionSql
{
    private readonly RetentionRequest _request;
    private readonly InsightEventRows _starts;
    private readonly InsightEventRows _returns;

    public RetentionSql(RetentionRequest request)
    {
        _request = request;
        Zone = InsightBuckets.Zone(request.TimeZone);
        var periods = InsightBuckets.All(request.From!.Value, request.To!.Value, request.Interval!, Zone).ToList();
        for (var k = 0; k <= request.Periods; k++)
        {
            periods.Add(InsightBuckets.Next(periods[^1], request.Interval!));
        }

        Periods = periods;
        _starts = InsightEventRows.Compile(request.StartEvent!.Event!, request.StartEvent.Where, "a", withProfile: true);
        // The return events are read past the range, as far as the last cohort's last period.
        _returns = InsightEventRows.Compile(request.ReturnEvent!.Event!, request.ReturnEvent.Where, "r", withProfile: true, until: "@returns_to");
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The local starts of the periods; width_bucket numbers the one starting at Periods[i] as i + 1.</summary>
    public IReadOnlyList<DateTime> Periods { get; }

    /// <summary>Answers (cohort, -1, size) for each cohort and (cohort, k, people) for each period k that someone came back in.</summary>
    public NpgsqlCommand Command(NpgsqlConnection connection)
    {
        var command = new NpgsqlCommand($"""
            WITH cohorts AS (
                SELECT pe.profile_id, width_bucket(min(pe."timestamp"), @periods) AS cohort
                FROM ({_starts.Sql}) pe WHERE pe.profile_id IS NOT NULL GROUP BY 1),
            returned AS (
                SELECT DISTINCT c.cohort, c.profile_id, width_bucket(r."timestamp", @periods) - c.cohort AS k
                FROM cohorts c JOIN ({_returns.Sql}) r ON r.profile_id = c.profile_id
                WHERE width_bucket(r."timestamp", @periods) - c.cohort BETWEEN 0 AND @followed - 1)
            SELECT cohort, -1, count(*) FROM cohorts GROUP BY 1
            UNION ALL
            SELECT cohort, k, count(*) FROM returned GROUP BY 1, 2
            """, connection) { CommandTimeout = InsightAccess.TimeLimitSeconds };
        _starts.AddTo(command);
        _returns.AddTo(command);
        command.Parameters.AddWithValue("from", _request.From!.Value);
        command.Parameters.AddWithValue("to", _request.To!.Value);
        command.Parameters.AddWithValue("returns_to", InsightBuckets.Moment(Periods[^1], Zone).ToUniversalTime());
        command.Parameters.AddWithValue("periods", Periods.Select(p => InsightBuckets.Moment(p, Zone).ToUniversalTime()).ToArray());
        command.Parameters.AddWithValue("followed", _request.Periods);
        return command;
    }
}
