using CrmCdp.Web.Modules.Crm.Common;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Pipeline;

/// <summary>Filters of the board and the deals list.</summary>
public sealed record DealFilter(Guid PipelineId, Guid? OwnerId = null, DateOnly? CloseFrom = null, DateOnly? CloseTo = null, string? Search = null, Guid? TeamId = null);

public sealed record MoneyTotal(string Currency, decimal Amount, decimal Weighted);

public sealed record BoardColumn(StageDto Stage, int Count, IReadOnlyList<MoneyTotal> Totals, IReadOnlyList<DealDto> Deals);

/// <summary>
/// The pipeline board: per stage, the open deals' count and totals (summed in the database, per currency) and
/// only the first cards — a column of 10,000 deals costs one grouped query and one short page.
/// </summary>
internal sealed class DealBoard(IDbContextFactory<AppDbContext> dbFactory, PipelineService pipelines, UserDirectory users, TimeProvider timeProvider)
{
    public const int CardsPerPage = 20;

    public async Task<IReadOnlyList<BoardColumn>> ColumnsAsync(AccessContext access, DealFilter filter, CancellationToken cancellationToken = default)
    {
        var pipeline = await pipelines.FindAsync(access, filter.PipelineId, cancellationToken);
        if (pipeline is null)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var open = Filtered(db, access, filter).Where(d => d.Outcome == DealOutcome.Open);
        var sums = await open.GroupBy(d => new { d.StageId, d.Currency })
            .Select(g => new { g.Key.StageId, g.Key.Currency, Count = g.Count(), Amount = g.Sum(d => d.Amount) })
            .ToListAsync(cancellationToken);
        var columns = new List<BoardColumn>();
        foreach (var stage in pipeline.Stages)
        {
            var stageSums = sums.Where(s => s.StageId == stage.Id).ToList();
            var totals = stageSums.OrderByDescending(s => s.Amount)
                .Select(s => new MoneyTotal(s.Currency, s.Amount, Math.Round(s.Amount * stage.Probability / 100m, 2))).ToList();
            var cards = stageSums.Count == 0 ? [] : await PageAsync(db, open, stage.Id, 0, cancellationToken);
            columns.Add(new BoardColumn(stage, stageSums.Sum(s => s.Count), totals, cards));
        }

        return columns;
    }

    /// <summary>More cards of one column, after the first <paramref name="skip"/>.</summary>
    public async Task<IReadOnlyList<DealDto>> MoreAsync(AccessContext access, DealFilter filter, Guid stageId, int skip, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await PageAsync(db, Filtered(db, access, filter).Where(d => d.Outcome == DealOutcome.Open), stageId, skip, cancellationToken);
    }

    /// <summary>API listing: by id, keyset pages.</summary>
    public async Task<KeysetPage<DealDto>> ListAsync(AccessContext access, DealFilter? filter, string? outcome, string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = filter is null ? db.Set<Deal>().Within(access, P.DealsRead) : Filtered(db, access, filter);
        if (CrmEnumNames.Parse<DealOutcome>(outcome) is { } wanted)
        {
            query = query.Where(d => d.Outcome == wanted);
        }

        if (Guid.TryParse(cursor, out var after))
        {
            query = query.Where(d => d.Id.CompareTo(after) > 0);
        }

        var rows = await query.OrderBy(d => d.Id).Take(limit + 1).AsNoTracking().ToListAsync(cancellationToken);
        var page = rows.Take(limit).ToList();
        return new KeysetPage<DealDto>(await DealDtos.ToDtosAsync(db, users, page, timeProvider.GetUtcNow(), cancellationToken), rows.Count > limit ? page[^1].Id.ToString() : null);
    }

    /// <summary>The deals list: one sorted page, with a count capped so large tables stay fast.</summary>
    public async Task<OffsetPage<DealDto>> ListPageAsync(
        AccessContext access, DealFilter filter, string? outcome, string? sort, bool descending, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Filtered(db, access, filter);
        if (CrmEnumNames.Parse<DealOutcome>(outcome) is { } wanted)
        {
            query = query.Where(d => d.Outcome == wanted);
        }

        var ordered = (sort, descending) switch
        {
            ("name", false) => query.OrderBy(d => d.Name).ThenBy(d => d.Id),
            ("name", true) => query.OrderByDescending(d => d.Name).ThenByDescending(d => d.Id),
            ("amount", false) => query.OrderBy(d => d.Amount).ThenBy(d => d.Id),
            ("amount", true) => query.OrderByDescending(d => d.Amount).ThenByDescending(d => d.Id),
            ("close", false) => query.OrderBy(d => d.ExpectedCloseDate).ThenBy(d => d.Id),
            ("close", true) => query.OrderByDescending(d => d.ExpectedCloseDate).ThenByDescending(d => d.Id),
            (_, false) => query.OrderBy(d => d.UpdatedAt).ThenBy(d => d.Id),
            _ => query.OrderByDescending(d => d.UpdatedAt).ThenByDescending(d => d.Id),
        };
        var rows = await ordered.Skip(page * pageSize).Take(pageSize).AsNoTracking().ToListAsync(cancellationToken);
        var counted = await query.Select(d => d.Id).Take(ListCount.Cap + 1).CountAsync(cancellationToken);
        return new OffsetPage<DealDto>(
            await DealDtos.ToDtosAsync(db, users, rows, timeProvider.GetUtcNow(), cancellationToken),
            new ListCount(Math.Min(counted, ListCount.Cap), counted > ListCount.Cap));
    }

    /// <summary>Every matching deal, a batch at a time (for CSV export).</summary>
    public async IAsyncEnumerable<DealDto> StreamAsync(
        AccessContext access, DealFilter filter, string? outcome, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var page = await ListAsync(access, filter, outcome, cursor, 500, cancellationToken);
            foreach (var deal in page.Items)
            {
                yield return deal;
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    private async Task<IReadOnlyList<DealDto>> PageAsync(AppDbContext db, IQueryable<Deal> open, Guid stageId, int skip, CancellationToken cancellationToken)
    {
        var deals = await open.Where(d => d.StageId == stageId).OrderBy(d => d.StageEnteredAt).ThenBy(d => d.Id)
            .Skip(skip).Take(CardsPerPage).AsNoTracking().ToListAsync(cancellationToken);
        return await DealDtos.ToDtosAsync(db, users, deals, timeProvider.GetUtcNow(), cancellationToken);
    }

    private static IQueryable<Deal> Filtered(AppDbContext db, AccessContext access, DealFilter filter)
    {
        var query = db.Set<Deal>().Within(access, P.DealsRead).Where(d => d.PipelineId == filter.PipelineId);
        if (filter.OwnerId is { } owner)
        {
            query = query.Where(d => d.OwnerId == owner);
        }

        if (filter.TeamId is { } team)
        {
            var members = db.TeamMembers.Where(m => m.TeamId == team).Select(m => (Guid?)m.UserId)
                .Union(db.Teams.Where(t => t.Id == team && t.LeadUserId != null).Select(t => t.LeadUserId));
            query = query.Where(d => members.Contains(d.OwnerId));
        }

        if (filter.CloseFrom is { } from)
        {
            query = query.Where(d => d.ExpectedCloseDate >= from);
        }

        if (filter.CloseTo is { } to)
        {
            query = query.Where(d => d.ExpectedCloseDate <= to);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = SearchPatterns.Contains(filter.Search);
            query = query.Where(d => EF.Functions.ILike(d.Name, pattern, "\\"));
        }

        return query;
    }
}
