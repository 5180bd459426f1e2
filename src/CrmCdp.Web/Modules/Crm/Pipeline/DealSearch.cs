using CrmCdp.Web.Modules.Crm.Common;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Pipeline;

/// <summary>Deals whose name matches a few typed letters, open ones first, for the global search.</summary>
internal sealed class DealSearch(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<IReadOnlyList<DealHit>> FindAsync(AccessContext access, string text, int limit, CancellationToken cancellationToken = default)
    {
        if (!access.Has(P.DealsRead) || string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var pattern = SearchPatterns.Contains(text);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Deal>().Within(access, P.DealsRead).Where(d => EF.Functions.ILike(d.Name, pattern, "\\"))
            .OrderBy(d => d.Outcome == DealOutcome.Open ? 0 : 1).ThenByDescending(d => d.UpdatedAt).Take(limit)
            .Select(d => new DealHit(d.Id, d.Name, d.Amount, d.Currency, d.Outcome == DealOutcome.Open)).ToListAsync(cancellationToken);
    }
}

public sealed record DealHit(Guid Id, string Name, decimal Amount, string Currency, bool Open);
