using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Insights;

/// <summary>
/// Ordered funnels over the people events were resolved to: a person enters at their first occurrence of the first step
/// in the range, and reaches each next step by its first occurrence after the step before, within the window counted from
/// their entry. Each step answers how many reached it, the share of the entrants, and the median time from the step before.
/// </summary>
internal sealed class Funnels(IDbContextFactory<AppDbContext> dbFactory)
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

        return await InsightAccess.WithinTimeLimitAsync(() => AnswerAsync(request!, cancellationToken));
    }

    private async Task<FunnelResult> AnswerAsync(FunnelRequest request, CancellationToken cancellationToken)
    {
        var steps = request.Steps!;
        var window = InsightBuckets.Window(request.Window)!.Value;
        var compiled = steps.Select((s, i) => InsightEventRows.Compile(s.Event!, s.Where, $"s{i}", withProfile: true)).ToList();
        // s0: each person's entry; sN: their first step N after step N-1, within the window from the entry. Only the first
        // step must start in the range; later ones may fall up to a window after its end.
        var ctes = new List<string>
        {
            $"""
            s0 AS (SELECT DISTINCT ON (pe.profile_id) pe.profile_id, pe."timestamp" AS t0, pe."timestamp" AS t, pe.id AS eid
                FROM ({compiled[0].Sql}) pe WHERE pe.profile_id IS NOT NULL AND pe."timestamp" < @entry_to
                ORDER BY pe.profile_id, pe."timestamp", pe.id)
            """,
        };
        for (var i = 1; i < steps.Count; i++)
        {
            // Events at the same moment count in the order they arrived (their ids).
            ctes.Add($"""
                s{i} AS (SELECT DISTINCT ON (p.profile_id) p.profile_id, p.t0, pe."timestamp" AS t, pe.id AS eid, pe."timestamp" - p.t AS took
                    FROM s{i - 1} p JOIN ({compiled[i].Sql}) pe ON pe.profile_id = p.profile_id AND (pe."timestamp", pe.id) > (p.t, p.eid) AND pe."timestamp" <= p.t0 + @window
                    ORDER BY p.profile_id, pe."timestamp", pe.id)
                """);
        }

        var counts = string.Join(" UNION ALL ", steps.Select((_, i) => i == 0
            ? "SELECT 0, count(*), NULL::double precision FROM s0"
            : $"SELECT {i}, count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM took)) FROM s{i}"));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"WITH {string.Join(",\n", ctes)}\n{counts}", (NpgsqlConnection)db.Database.GetDbConnection()) { CommandTimeout = InsightAccess.TimeLimitSeconds };
        foreach (var rows in compiled)
        {
            rows.AddTo(command);
        }

        command.Parameters.AddWithValue("from", request.From!.Value);
        command.Parameters.AddWithValue("entry_to", request.To!.Value);
        command.Parameters.AddWithValue("to", request.To!.Value + window);
        command.Parameters.AddWithValue("window", window);
        var reached = new long[steps.Count];
        var medians = new double?[steps.Count];
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var index = reader.GetInt32(0);
                (reached[index], medians[index]) = (reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetDouble(2));
            }
        }

        return new FunnelResult([.. steps.Select((s, i) => new FunnelStep(
            s.Event!, reached[i], reached[0] == 0 ? 0 : (double)reached[i] / reached[0], medians[i])
        {
            ConversionFromPrevious = i == 0 ? 1 : reached[i - 1] == 0 ? 0 : (double)reached[i] / reached[i - 1],
            Dropped = i == 0 ? 0 : reached[i - 1] - reached[i],
        })]);
    }
}
