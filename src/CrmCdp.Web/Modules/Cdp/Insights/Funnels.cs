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
        var sql = new FunnelSql(request);
        var counts = string.Join(" UNION ALL ", steps.Select((_, i) => i == 0
            ? "SELECT 0, count(*), NULL::double precision FROM s0"
            : $"SELECT {i}, count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM took)) FROM s{i}"));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = sql.Command(counts, (NpgsqlConnection)db.Database.GetDbConnection());
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
