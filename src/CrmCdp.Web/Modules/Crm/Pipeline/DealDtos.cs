using CrmCdp.Web.Modules.Crm.Common;

namespace CrmCdp.Web.Modules.Crm.Pipeline;

internal static class DealDtos
{
    public static async Task<IReadOnlyList<DealDto>> ToDtosAsync(AppDbContext db, UserDirectory users, List<Deal> deals, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pipelineIds = deals.Select(d => d.PipelineId).Distinct().ToList();
        var pipelines = await db.Set<SalesPipeline>().Where(p => pipelineIds.Contains(p.Id)).Include(p => p.Stages).AsNoTracking().ToDictionaryAsync(p => p.Id, cancellationToken);
        var reasonIds = deals.Select(d => d.LostReasonId).OfType<Guid>().Distinct().ToList();
        var reasons = await db.Set<LostReason>().Where(r => reasonIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);
        var names = await users.NamesAsync(deals.Select(d => d.OwnerId), cancellationToken);
        var companyIds = deals.Select(d => d.CompanyId).OfType<Guid>().Distinct().ToList();
        var companies = await db.Set<Companies.Company>().Where(c => companyIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        return [.. deals.Select(d =>
        {
            var pipeline = pipelines[d.PipelineId];
            var stage = pipeline.Stages.First(s => s.Id == d.StageId);
            var days = (int)(now - d.StageEnteredAt).TotalDays;
            return new DealDto(
                d.Id, d.Name, d.Amount, d.Currency, d.PipelineId, pipeline.Name, d.StageId, stage.Name, stage.Probability, CrmEnumNames.Wire(d.Outcome),
                d.LostReasonId, d.LostReasonId is { } r ? reasons.GetValueOrDefault(r) : null, d.ExpectedCloseDate,
                d.OwnerId, d.OwnerId is { } o ? names.GetValueOrDefault(o) : null, d.CompanyId, d.ContactIds, d.Source, d.NextStep,
                d.StageEnteredAt, days, d.Outcome == DealOutcome.Open && stage.RottingDays is { } limit && days >= limit,
                d.CreatedAt, d.UpdatedAt, d.ClosedAt, d.Version, d.CompanyId is { } c ? companies.GetValueOrDefault(c) : null);
        })];
    }
}
