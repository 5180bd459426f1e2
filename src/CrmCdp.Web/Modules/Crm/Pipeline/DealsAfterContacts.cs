using CrmCdp.Web.Modules.Crm.Contracts;

namespace CrmCdp.Web.Modules.Crm.Pipeline;

/// <summary>The deals of some contacts created, or won, from a moment on: what marketing and the CDP's activation led to.</summary>
internal static class DealsAfterContacts
{
    public static async Task<DealsAfter> CountAsync(AppDbContext db, IReadOnlyCollection<Guid> contactIds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (contactIds.Count == 0)
        {
            return new DealsAfter(0, 0, 0);
        }

        var ids = contactIds.ToArray();
        var deals = await db.Set<Deal>().AsNoTracking().Where(d => d.ContactIds.Any(c => ids.Contains(c)) && (d.CreatedAt >= since || (d.Outcome == DealOutcome.Won && d.ClosedAt >= since)))
            .Select(d => new { d.ContactIds, d.CreatedAt, d.Outcome, d.ClosedAt, d.Amount }).ToListAsync(cancellationToken);
        var asked = ids.ToHashSet();
        var created = deals.Where(d => d.CreatedAt >= since).SelectMany(d => d.ContactIds).Where(asked.Contains).Distinct().Count();
        var won = deals.Where(d => d.Outcome == DealOutcome.Won && d.ClosedAt >= since).ToList();
        return new DealsAfter(created, won.SelectMany(d => d.ContactIds).Where(asked.Contains).Distinct().Count(), won.Sum(d => d.Amount));
    }
}
