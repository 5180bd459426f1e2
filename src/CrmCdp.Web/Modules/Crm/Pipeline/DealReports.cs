using CrmCdp.Web.Modules.Crm.Activities;
using CrmCdp.Web.Modules.Crm.Common;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Pipeline;

/// <param name="Committed">Won deals closed in the month.</param>
/// <param name="Weighted">Open deals expected to close in the month, times their stage's probability.</param>
/// <param name="BestCase">Committed plus every open deal expected to close in the month.</param>
public sealed record ForecastRow(DateOnly Month, Guid? OwnerId, string? OwnerName, decimal Committed, decimal Weighted, decimal BestCase);

public sealed record StageConversion(string Stage, int Entered, int MovedOn, double Rate);

public sealed record RepActivity(string Name, int Activities);

public sealed record SalesStats(
    int Won, int Lost, double WinRate, decimal AverageWonAmount, double AverageCycleDays, IReadOnlyList<StageConversion> Conversion,
    IReadOnlyList<RepActivity> ActivitiesPerRep);

/// <summary>
/// Forecast and sales reports over the deals the caller may see, in the pipeline's currency (deals in other
/// currencies are left out rather than added as if they were the same money). Sums are computed in the database.
/// </summary>
internal sealed class DealReports(IDbContextFactory<AppDbContext> dbFactory, PipelineService pipelines, UserDirectory users, TimeProvider timeProvider)
{
    public async Task<IReadOnlyList<ForecastRow>> ForecastAsync(
        AccessContext access, Guid pipelineId, DateOnly fromMonth, int months, Guid? teamId = null, CancellationToken cancellationToken = default)
    {
        var pipeline = await pipelines.FindAsync(access, pipelineId, cancellationToken);
        if (pipeline is null)
        {
            return [];
        }

        var from = new DateOnly(fromMonth.Year, fromMonth.Month, 1);
        var to = from.AddMonths(months);
        var fromTime = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var toTime = new DateTimeOffset(to.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var deals = db.Set<Deal>().Within(access, P.DealsRead).Where(d => d.PipelineId == pipelineId && d.Currency == pipeline.Currency);
        if (teamId is { } team)
        {
            var members = db.TeamMembers.Where(m => m.TeamId == team).Select(m => (Guid?)m.UserId)
                .Union(db.Teams.Where(t => t.Id == team && t.LeadUserId != null).Select(t => t.LeadUserId));
            deals = deals.Where(d => members.Contains(d.OwnerId));
        }

        var open = await deals.Where(d => d.Outcome == DealOutcome.Open && d.ExpectedCloseDate >= from && d.ExpectedCloseDate < to)
            .Join(db.Set<PipelineStage>(), d => d.StageId, s => s.Id, (d, s) => new { d.ExpectedCloseDate!.Value.Year, d.ExpectedCloseDate.Value.Month, d.OwnerId, d.Amount, s.Probability })
            .GroupBy(x => new { x.Year, x.Month, x.OwnerId })
            .Select(g => new { g.Key.Year, g.Key.Month, g.Key.OwnerId, Total = g.Sum(x => x.Amount), Weighted = g.Sum(x => x.Amount * x.Probability / 100m) })
            .ToListAsync(cancellationToken);
        var won = await deals.Where(d => d.Outcome == DealOutcome.Won && d.ClosedAt >= fromTime && d.ClosedAt < toTime)
            .GroupBy(d => new { d.ClosedAt!.Value.Year, d.ClosedAt.Value.Month, d.OwnerId })
            .Select(g => new { g.Key.Year, g.Key.Month, g.Key.OwnerId, Total = g.Sum(d => d.Amount) })
            .ToListAsync(cancellationToken);
        var names = await users.NamesAsync(open.Select(o => o.OwnerId).Concat(won.Select(w => w.OwnerId)), cancellationToken);
        var keys = open.Select(o => (o.Year, o.Month, o.OwnerId)).Union(won.Select(w => (w.Year, w.Month, w.OwnerId)));
        return [.. keys.Select(k =>
            {
                var committed = won.Where(w => (w.Year, w.Month, w.OwnerId) == k).Sum(w => w.Total);
                var pipelineRow = open.FirstOrDefault(o => (o.Year, o.Month, o.OwnerId) == k);
                return new ForecastRow(new DateOnly(k.Year, k.Month, 1), k.OwnerId, k.OwnerId is { } o ? names.GetValueOrDefault(o) : null,
                    committed, Math.Round(pipelineRow?.Weighted ?? 0, 2), committed + (pipelineRow?.Total ?? 0));
            })
            .OrderBy(r => r.Month).ThenBy(r => r.OwnerName, StringComparer.Ordinal)];
    }

    public async Task<SalesStats?> StatsAsync(AccessContext access, Guid pipelineId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var pipeline = await pipelines.FindAsync(access, pipelineId, cancellationToken);
        if (pipeline is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var deals = db.Set<Deal>().Within(access, P.DealsRead).Where(d => d.PipelineId == pipelineId);
        var closed = await deals.Where(d => d.Outcome != DealOutcome.Open && d.ClosedAt >= since)
            .GroupBy(d => d.Outcome)
            .Select(g => new
            {
                Outcome = g.Key,
                Count = g.Count(),
                Amount = g.Where(d => d.Currency == pipeline.Currency).Sum(d => d.Amount),
                InCurrency = g.Count(d => d.Currency == pipeline.Currency),
                CycleSeconds = g.Sum(d => (d.ClosedAt!.Value - d.CreatedAt).TotalSeconds),
            })
            .ToListAsync(cancellationToken);
        var won = closed.FirstOrDefault(c => c.Outcome == DealOutcome.Won);
        var lost = closed.FirstOrDefault(c => c.Outcome == DealOutcome.Lost);
        var wonCount = won?.Count ?? 0;
        var lostCount = lost?.Count ?? 0;

        // Of the deals that entered each stage, how many later entered a further stage or were won.
        var moves = await db.Set<DealStageChange>().Where(c => c.ChangedAt >= since && deals.Any(d => d.Id == c.DealId))
            .Select(c => new { c.DealId, c.ToStageId, c.Outcome }).ToListAsync(cancellationToken);
        var order = pipeline.Stages.ToDictionary(s => s.Id, s => s.Order);
        var furthest = moves.GroupBy(m => m.DealId).ToDictionary(
            g => g.Key,
            g => g.Any(m => m.Outcome == DealOutcome.Won) ? int.MaxValue : g.Where(m => m.Outcome == DealOutcome.Open).Max(m => order.GetValueOrDefault(m.ToStageId, -1)));
        var conversion = pipeline.Stages.Select(stage =>
        {
            var entered = moves.Where(m => m.ToStageId == stage.Id && m.Outcome == DealOutcome.Open).Select(m => m.DealId).Distinct().ToList();
            var movedOn = entered.Count(id => furthest[id] > stage.Order);
            return new StageConversion(stage.Name, entered.Count, movedOn, entered.Count == 0 ? 0 : Math.Round(100.0 * movedOn / entered.Count, 1));
        }).ToList();

        var activity = await db.Set<Activity>().Within(access, P.ActivitiesRead).Where(a => a.OccurredAt >= since && a.OwnerId != null)
            .GroupBy(a => a.OwnerId).Select(g => new { OwnerId = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var names = await users.NamesAsync(activity.Select(a => a.OwnerId), cancellationToken);
        return new SalesStats(
            wonCount, lostCount, wonCount + lostCount == 0 ? 0 : Math.Round(100.0 * wonCount / (wonCount + lostCount), 1),
            won is { InCurrency: > 0 } ? Math.Round(won.Amount / won.InCurrency, 2) : 0,
            won is { Count: > 0 } ? Math.Round(won.CycleSeconds / won.Count / 86_400, 1) : 0,
            conversion,
            [.. activity.OrderByDescending(a => a.Count).Select(a => new RepActivity(a.OwnerId is { } o ? names.GetValueOrDefault(o, "?") : "?", a.Count))]);
    }

    public DateOnly ThisMonth()
    {
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        return new DateOnly(today.Year, today.Month, 1);
    }
}
