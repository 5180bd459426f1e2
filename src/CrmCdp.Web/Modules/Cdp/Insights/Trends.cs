using Microsoft.Extensions.Options;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Insights;

/// <summary>
/// Counts events (or the people who did them) per hour, day, week or month on the clock of a zone, for one or more
/// events with property filters, optionally broken down by an event property or a trait (top values, the rest as
/// "Other"); every bucket of the range is answered, empty ones as 0.
/// </summary>
internal sealed class Trends(ReadReplica readReplica, IOptions<InsightOptions> options)
{
    public const int TopValues = 10;
    public const string Other = "Other";
    public const string None = "(none)";

    public async Task<OperationResult<TrendResult>> RunAsync(AccessContext access, TrendRequest? request, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.InsightsRead))
        {
            return OperationResult<TrendResult>.Forbidden(InsightAccess.Denied);
        }

        if (InsightRequestValidator.Check(request) is { Count: > 0 } errors)
        {
            return OperationResult<TrendResult>.Invalid(errors);
        }

        return await InsightAccess.WithinTimeLimitAsync(async () =>
        {
            var current = await AnswerAsync(request!, cancellationToken);
            return request!.Compare && current.Series.Count > 0 ? new TrendResult([.. current.Series, .. await PreviousAsync(request, current, cancellationToken)]) : current;
        }, cancellationToken);
    }

    /// <summary>
    /// The same question over the span just before, each line marked as the previous period and drawn on the current
    /// period's buckets (the first bucket against the first), so the two read side by side.
    /// </summary>
    private async Task<IEnumerable<TrendLine>> PreviousAsync(TrendRequest request, TrendResult current, CancellationToken cancellationToken)
    {
        var span = request.To!.Value - request.From!.Value;
        var previous = await AnswerAsync(request with { From = request.From - span, To = request.To - span, Compare = false }, cancellationToken);
        var axis = current.Series[0].Points;
        return previous.Series.Select(line => new TrendLine($"{line.Label} (previous period)",
            [.. axis.Select((point, i) => new TrendPoint(point.T, i < line.Points.Count ? line.Points[i].Value : 0))])
        { Previous = true });
    }

    private async Task<TrendResult> AnswerAsync(TrendRequest request, CancellationToken cancellationToken)
    {
        var zone = InsightBuckets.Zone(request.TimeZone);
        var buckets = InsightBuckets.All(request.From!.Value, request.To!.Value, request.Interval!, zone).ToList();
        var lines = new List<TrendLine>();
        await using var db = await readReplica.CreateDbContextAsync(cancellationToken);
        await using var question = await InsightAccess.BeginAsync(db, cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        foreach (var series in request.Series!)
        {
            var counts = await CountAsync(connection, request, series, zone, cancellationToken);
            lines.AddRange(Lines(series, counts, buckets, zone));
        }

        return new TrendResult(lines);
    }

    private async Task<List<(DateTime Bucket, string? Label, long Value)>> CountAsync(
        NpgsqlConnection connection, TrendRequest request, TrendSeries series, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var unique = series.Math == InsightMath.UniqueProfiles;
        var trait = request.Breakdown?.Trait;
        var rows = unique && series.Where is not { Count: > 0 } && request.Breakdown?.Property is null && InsightRollupRows.CanCount(request.Interval!, zone)
            && await InsightRollupRows.ArePreferredAsync(connection, options.Value.RollupsFromEventsPerRow, cancellationToken)
            ? InsightRollupRows.People(series.Event!, "s", request.From!.Value, request.To!.Value)
            : InsightEventRows.Compile(series.Event!, series.Where, "s", withProfile: unique || trait is not null, withProperties: request.Breakdown?.Property is not null, allEvents: !unique);
        var label = request.Breakdown switch
        {
            { Property: not null } => "pe.properties #>> @breakdown",
            { Trait: not null } => "(SELECT p.traits #>> @breakdown FROM cdp_profiles p WHERE p.id = pe.profile_id)",
            _ => "NULL::text",
        };
        await using var command = new NpgsqlCommand($"""
            SELECT date_trunc(@unit, pe."timestamp" AT TIME ZONE @zone) AS bucket, {label} AS label, {(unique ? "count(DISTINCT pe.profile_id)" : "count(*)")}
            FROM ({rows.Sql}) pe
            GROUP BY 1, 2
            """, connection) { CommandTimeout = InsightAccess.TimeLimitSeconds };
        rows.AddTo(command);
        command.Parameters.AddWithValue("from", request.From!.Value);
        command.Parameters.AddWithValue("to", request.To!.Value);
        command.Parameters.AddWithValue("unit", request.Interval!);
        command.Parameters.AddWithValue("zone", zone.Id);
        command.Parameters.AddWithValue("breakdown", (request.Breakdown?.Property ?? trait ?? "").Split('.'));
        var counts = new List<(DateTime, string?, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add((reader.GetDateTime(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2)));
        }

        return counts;
    }

    /// <summary>One line per breakdown value (the top ones by total, then "Other"), or one for the series.</summary>
    private static IEnumerable<TrendLine> Lines(TrendSeries series, List<(DateTime Bucket, string? Label, long Value)> counts, List<DateTime> buckets, TimeZoneInfo zone)
    {
        var byLabel = counts.GroupBy(c => c.Label ?? None).Select(g => (Label: g.Key, Total: g.Sum(c => c.Value), Rows: g.ToList())).OrderByDescending(g => g.Total).ThenBy(g => g.Label, StringComparer.Ordinal).ToList();
        var top = byLabel.Take(TopValues).ToList();
        var rest = byLabel.Skip(TopValues).SelectMany(g => g.Rows).ToList();
        var groups = top.Select(g => (g.Label, g.Rows)).ToList();
        if (rest.Count > 0)
        {
            groups.Add((Other, rest));
        }

        if (groups.Count == 0 || (groups.Count == 1 && counts.All(c => c.Label is null)))
        {
            var all = groups.Count == 0 ? [] : groups[0].Rows;
            return [new TrendLine(series.Event!, Points(all, buckets, zone))];
        }

        return groups.Select(g => new TrendLine($"{series.Event} · {g.Label}", Points(g.Rows, buckets, zone)));
    }

    private static List<TrendPoint> Points(List<(DateTime Bucket, string? Label, long Value)> rows, List<DateTime> buckets, TimeZoneInfo zone)
    {
        var byBucket = rows.GroupBy(r => r.Bucket).ToDictionary(g => g.Key, g => g.Sum(r => r.Value));
        return [.. buckets.Select(b => new TrendPoint(InsightBuckets.Moment(b, zone), byBucket.GetValueOrDefault(b)))];
    }
}
