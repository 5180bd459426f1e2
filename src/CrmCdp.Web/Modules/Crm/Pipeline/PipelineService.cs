
namespace CrmCdp.Web.Modules.Crm.Pipeline;

/// <summary>Pipelines with their stages, as each user may see them, and the lost reasons.</summary>
internal sealed class PipelineService(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<IReadOnlyList<PipelineDto>> VisibleAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pipelines = await db.Set<SalesPipeline>().Include(p => p.Stages).OrderBy(p => p.Order).ThenBy(p => p.Name).AsNoTracking().ToListAsync(cancellationToken);
        var myTeams = access.UserId is { } me
            ? await db.TeamMembers.Where(m => m.UserId == me).Select(m => m.TeamId).Union(db.Teams.Where(t => t.LeadUserId == me).Select(t => t.Id)).ToListAsync(cancellationToken)
            : [];
        return [.. pipelines.Where(p => CanSee(access, p, myTeams)).Select(ToDto)];
    }

    public async Task<PipelineDto?> FindAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default) =>
        (await VisibleAsync(access, cancellationToken)).FirstOrDefault(p => p.Id == id);

    public async Task<IReadOnlyList<LostReasonDto>> LostReasonsAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Crm.DealsRead) && !access.Has(Permissions.Admin.PipelinesManage))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<LostReason>().OrderBy(r => r.Order).ThenBy(r => r.Name).Select(r => new LostReasonDto(r.Id, r.Name, r.Active)).ToListAsync(cancellationToken);
    }

    private static bool CanSee(AccessContext access, SalesPipeline pipeline, List<Guid> myTeams) =>
        pipeline.VisibleToTeamIds.Count == 0 || access.Has(Permissions.Admin.PipelinesManage) || pipeline.VisibleToTeamIds.Any(myTeams.Contains);

    internal static PipelineDto ToDto(SalesPipeline p) => new(
        p.Id, p.Name, p.Order, p.Currency, p.VisibleToTeamIds,
        [.. p.Stages.OrderBy(s => s.Order).Select(s => new StageDto(s.Id, s.Name, s.Order, s.Probability, s.RottingDays))]);
}
