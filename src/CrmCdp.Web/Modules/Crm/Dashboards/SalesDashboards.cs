using CrmCdp.Web.Modules.Crm.Activities;
using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Pipeline;
using CrmCdp.Web.Modules.Crm.Quotas;
using CrmCdp.Web.Modules.Crm.Tasks;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Dashboards;

/// <summary>
/// The sales home pages: a rep's own numbers and a manager's team. Everything goes through the caller's record scopes,
/// so a rep's dashboard shows only what the rep may see; sums are grouped in the database.
/// </summary>
internal sealed class SalesDashboards(IDbContextFactory<AppDbContext> dbFactory, PipelineService pipelines, DealReports reports, QuotaService quotas, UserDirectory users, TimeProvider timeProvider)
{
    public const int PeriodDays = 90;

    public async Task<RepDashboard?> RepAsync(AccessContext access, Guid? pipelineId = null, CancellationToken cancellationToken = default)
    {
        if (access.UserId is not { } me || !access.Has(P.DealsRead) || await PipelineAsync(access, pipelineId, cancellationToken) is not { } pipeline)
        {
            return null;
        }

        var thisMonth = reports.ThisMonth();
        var forecast = (await reports.ForecastAsync(access, pipeline.Id, thisMonth, 2, cancellationToken: cancellationToken)).Where(f => f.OwnerId == me).ToList();
        var myQuotas = (await quotas.ListAsync(access, pipeline.Id, thisMonth, 2, cancellationToken)).Where(q => q.UserId == me).ToList();
        var months = new[] { thisMonth, thisMonth.AddMonths(1) }.Select(month =>
        {
            var row = forecast.FirstOrDefault(f => f.Month == month);
            var label = QuotaService.FormatMonth(month);
            return new MonthForecast(label, row?.Committed ?? 0, row?.Weighted ?? 0, row?.BestCase ?? 0, myQuotas.FirstOrDefault(q => q.Month == label)?.Amount);
        }).ToList();

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var waiting = db.Set<CrmTask>().Within(access, P.TasksRead).Where(t => t.OwnerId == me && t.Status == CrmTaskStatus.Open && t.Origin != null);
        var count = await waiting.CountAsync(cancellationToken);
        var tasks = await waiting.OrderBy(t => t.DueAt).Take(10)
            .Select(t => new WaitingTask(t.Id, t.Title, t.DueAt, t.ContactId, t.DueAt < now, t.Origin!)).ToListAsync(cancellationToken);
        var stages = await StagesAsync(db, access, pipeline, me, cancellationToken);
        return new RepDashboard(pipeline.Id, pipeline.Name, pipeline.Currency, stages, months, count, tasks);
    }

    public async Task<ManagerDashboard?> ManagerAsync(AccessContext access, Guid? pipelineId = null, CancellationToken cancellationToken = default)
    {
        if (access.ScopeOf(P.DealsRead) is not (RecordScope.Team or RecordScope.All) || await PipelineAsync(access, pipelineId, cancellationToken) is not { } pipeline)
        {
            return null;
        }

        var attainment = await quotas.AttainmentAsync(access, pipeline.Id, reports.ThisMonth(), cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stages = await StagesAsync(db, access, pipeline, null, cancellationToken);
        var reps = await PerformanceAsync(db, access, pipeline.Id, cancellationToken);
        var atRisk = await AtRiskAsync(db, access, pipeline, cancellationToken);
        return new ManagerDashboard(pipeline.Id, pipeline.Name, pipeline.Currency, stages, attainment, reps, atRisk, PeriodDays);
    }

    private async Task<PipelineDto?> PipelineAsync(AccessContext access, Guid? pipelineId, CancellationToken cancellationToken)
    {
        var visible = await pipelines.VisibleAsync(access, cancellationToken);
        return pipelineId is { } id ? visible.FirstOrDefault(p => p.Id == id) : visible.Count > 0 ? visible[0] : null;
    }

    private static async Task<IReadOnlyList<StageTotal>> StagesAsync(AppDbContext db, AccessContext access, PipelineDto pipeline, Guid? ownerId, CancellationToken cancellationToken)
    {
        var deals = db.Set<Deal>().Within(access, P.DealsRead)
            .Where(d => d.PipelineId == pipeline.Id && d.Outcome == DealOutcome.Open && d.Currency == pipeline.Currency);
        if (ownerId is { } owner)
        {
            deals = deals.Where(d => d.OwnerId == owner);
        }

        var totals = await deals.GroupBy(d => d.StageId)
            .Select(g => new { StageId = g.Key, Count = g.Count(), Amount = g.Sum(d => d.Amount) })
            .ToDictionaryAsync(g => g.StageId, cancellationToken);
        return [.. pipeline.Stages.Select(s => totals.TryGetValue(s.Id, out var t)
            ? new StageTotal(s.Name, t.Count, t.Amount, Math.Round(t.Amount * s.Probability / 100m, 2))
            : new StageTotal(s.Name, 0, 0, 0))];
    }

    private async Task<IReadOnlyList<RepPerformance>> PerformanceAsync(AppDbContext db, AccessContext access, Guid pipelineId, CancellationToken cancellationToken)
    {
        var since = timeProvider.GetUtcNow().AddDays(-PeriodDays);
        var closed = await db.Set<Deal>().Within(access, P.DealsRead)
            .Where(d => d.PipelineId == pipelineId && d.Outcome != DealOutcome.Open && d.ClosedAt >= since && d.OwnerId != null)
            .GroupBy(d => new { d.OwnerId, d.Outcome })
            .Select(g => new { g.Key.OwnerId, g.Key.Outcome, Count = g.Count(), CycleSeconds = g.Sum(d => (d.ClosedAt!.Value - d.CreatedAt).TotalSeconds) })
            .ToListAsync(cancellationToken);
        var activities = await db.Set<Activity>().Within(access, P.ActivitiesRead).Where(a => a.OccurredAt >= since && a.OwnerId != null)
            .GroupBy(a => a.OwnerId).Select(g => new { OwnerId = g.Key, Count = g.Count() }).ToDictionaryAsync(a => a.OwnerId!.Value, a => a.Count, cancellationToken);
        var owners = closed.Select(c => c.OwnerId!.Value).Concat(activities.Keys).Distinct().ToList();
        var names = await users.NamesAsync(owners.Select(o => (Guid?)o), cancellationToken);
        return [.. owners.Select(owner =>
            {
                var won = closed.FirstOrDefault(c => c.OwnerId == owner && c.Outcome == DealOutcome.Won);
                var lost = closed.FirstOrDefault(c => c.OwnerId == owner && c.Outcome == DealOutcome.Lost);
                var (wonCount, lostCount) = (won?.Count ?? 0, lost?.Count ?? 0);
                return new RepPerformance(owner, names.GetValueOrDefault(owner, "?"), wonCount, lostCount,
                    wonCount + lostCount == 0 ? null : Math.Round(100.0 * wonCount / (wonCount + lostCount), 1),
                    won is null ? null : Math.Round(won.CycleSeconds / won.Count / 86_400, 1),
                    activities.GetValueOrDefault(owner));
            })
            .OrderBy(r => r.Name, StringComparer.Ordinal)];
    }

    /// <summary>Open deals that sat in their stage longer than the stage allows, longest first.</summary>
    private async Task<IReadOnlyList<DealAtRisk>> AtRiskAsync(AppDbContext db, AccessContext access, PipelineDto pipeline, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var rotting = new List<(Deal Deal, StageDto Stage)>();
        foreach (var stage in pipeline.Stages.Where(s => s.RottingDays is not null))
        {
            var cutoff = now.AddDays(-stage.RottingDays!.Value);
            var deals = await db.Set<Deal>().Within(access, P.DealsRead)
                .Where(d => d.StageId == stage.Id && d.Outcome == DealOutcome.Open && d.StageEnteredAt < cutoff)
                .OrderBy(d => d.StageEnteredAt).Take(10).AsNoTracking().ToListAsync(cancellationToken);
            rotting.AddRange(deals.Select(d => (d, stage)));
        }

        var top = rotting.OrderBy(r => r.Deal.StageEnteredAt).Take(10).ToList();
        var names = await users.NamesAsync(top.Select(r => r.Deal.OwnerId), cancellationToken);
        return [.. top.Select(r => new DealAtRisk(r.Deal.Id, r.Deal.Name, r.Deal.OwnerId is { } o ? names.GetValueOrDefault(o) : null, r.Stage.Name,
            (int)(now - r.Deal.StageEnteredAt).TotalDays, r.Deal.Amount))];
    }
}
