using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Insights;

/// <summary>
/// Ordered funnels over the people events were resolved to: a person enters at their first occurrence of the first step
/// in the range, and reaches each next step by its first occurrence after the step before, within the window counted from
/// their entry. Each step answers how many reached it, the share of the entrants, and the median time from the step before.
/// </summary>
internal sealed class Funnels(ReadReplica readReplica)
{
    public async Task<OperationResult<FunnelResult>> RunAsync(AccessContext access, FunnelRequest? request, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.InsightsRead))
        {
            return OperationResult<FunnelResult>.Forbidden(InsightAccess.Denied);
        }

        if (InsightRequestValidator.Check(request) is { Count: > 0 } errors)
        {
            return OperationResult<FunnelResult>.Invalid(errors);
        }

        return await InsightAccess.WithinTimeLimitAsync(() => AnswerAsync(request!, cancellationToken), cancellationToken);
    }

    private async Task<FunnelResult> AnswerAsync(FunnelRequest request, CancellationToken cancellationToken)
    {
        var steps = request.Steps!;
        var sql = new FunnelSql(request);
        // Each step's people and median time, overall (grouped = 1) and per entry value (grouped = 0; all null without a breakdown).
        var counts = string.Join(" UNION ALL ", steps.Select((_, i) =>
            $"SELECT {i}, bv, GROUPING(bv), count(*), {(i == 0 ? "NULL::double precision" : "percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM took))")} FROM s{i} GROUP BY GROUPING SETS ((), (bv))"));
        await using var db = await readReplica.CreateDbContextAsync(cancellationToken);
        await using var question = await InsightAccess.BeginAsync(db, cancellationToken);
        await using var command = sql.Command(counts, (NpgsqlConnection)db.Database.GetDbConnection());
        var reached = new long[steps.Count];
        var medians = new double?[steps.Count];
        var byValue = new Dictionary<string, long[]>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var index = reader.GetInt32(0);
                if (reader.GetInt32(2) == 1)
                {
                    (reached[index], medians[index]) = (reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetDouble(4));
                    continue;
                }

                var value = reader.IsDBNull(1) ? Trends.None : reader.GetString(1);
                (byValue.TryGetValue(value, out var row) ? row : byValue[value] = new long[steps.Count])[index] = reader.GetInt64(3);
            }
        }

        return new FunnelResult([.. steps.Select((s, i) => new FunnelStep(
            s.Event!, reached[i], reached[0] == 0 ? 0 : (double)reached[i] / reached[0], medians[i])
        {
            ConversionFromPrevious = i == 0 ? 1 : reached[i - 1] == 0 ? 0 : (double)reached[i] / reached[i - 1],
            Dropped = i == 0 ? 0 : reached[i - 1] - reached[i],
        })])
        {
            Breakdown = request.Breakdown is null ? null : Breakdown(byValue, steps.Count),
        };
    }

    /// <summary>The values with the most entrants (10), then the rest summed as "Other".</summary>
    private static List<FunnelBreakdownRow> Breakdown(Dictionary<string, long[]> byValue, int steps)
    {
        var ordered = byValue.OrderByDescending(v => v.Value[0]).ThenBy(v => v.Key, StringComparer.Ordinal).ToList();
        var rows = ordered.Take(Trends.TopValues).Select(v => (v.Key, Counts: v.Value)).ToList();
        if (ordered.Count > Trends.TopValues)
        {
            rows.Add((Trends.Other, [.. Enumerable.Range(0, steps).Select(i => ordered.Skip(Trends.TopValues).Sum(v => v.Value[i]))]));
        }

        return [.. rows.Select(r => new FunnelBreakdownRow(r.Key, r.Counts, [.. r.Counts.Select(c => r.Counts[0] == 0 ? 0 : (double)c / r.Counts[0])]))];
    }
}
