using CrmCdp.Web.Modules.Cdp.Insights;

namespace CrmCdp.Web.Modules.Cdp.Dashboards;

/// <summary>Answers every tile of a dashboard, each as its insight's endpoint would; a tile that cannot be answered says why and the others still show.</summary>
internal sealed class DashboardRunner(IDbContextFactory<AppDbContext> dbFactory, Trends trends, Funnels funnels, Retention retention, WebAnalytics web, TimeProvider timeProvider)
{
    public async Task<OperationResult<DashboardData>> RunAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.InsightsRead))
        {
            return OperationResult<DashboardData>.Forbidden(InsightAccess.Denied);
        }

        InsightDashboard? dashboard;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            dashboard = await DashboardService.Visible(db, access).AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        }

        if (dashboard is null)
        {
            return OperationResult<DashboardData>.NotFound();
        }

        var now = timeProvider.GetUtcNow();
        var answers = new List<TileData>();
        foreach (var tile in DashboardService.TilesOf(dashboard))
        {
            answers.Add(await AnswerAsync(access, tile, now, cancellationToken));
        }

        return OperationResult<DashboardData>.Ok(new DashboardData(id, now, answers));
    }

    public async Task<TileData> AnswerAsync(AccessContext access, DashboardTile tile, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (tileId, kind) = (tile.Id ?? "", tile.Kind ?? "");
        var request = TileQueries.Read(tile, now, out var problems);
        TileData Failed(IReadOnlyDictionary<string, string[]>? errors, string? message) =>
            new(tileId, kind, tile.Title, null, null, null, null, errors ?? new Dictionary<string, string[]> { ["query"] = [message ?? "This tile could not be answered."] });
        switch (request)
        {
            case TrendRequest trend:
                var t = await trends.RunAsync(access, trend, cancellationToken);
                return t.Value is { } trendResult ? new(tileId, kind, tile.Title, trendResult, null, null, null, null) : Failed(t.Errors, t.Message);
            case FunnelRequest funnel:
                var f = await funnels.RunAsync(access, funnel, cancellationToken);
                return f.Value is { } funnelResult ? new(tileId, kind, tile.Title, null, funnelResult, null, null, null) : Failed(f.Errors, f.Message);
            case RetentionRequest cohorts:
                var r = await retention.RunAsync(access, cohorts, cancellationToken);
                return r.Value is { } retentionResult ? new(tileId, kind, tile.Title, null, null, retentionResult, null, null) : Failed(r.Errors, r.Message);
            case WebQuery range:
                var w = await web.RunAsync(access, range.From, range.To, cancellationToken);
                return w.Value is { } webResult ? new(tileId, kind, tile.Title, null, null, null, webResult, null) : Failed(w.Errors, w.Message);
            default:
                return Failed(problems, null);
        }
    }
}
