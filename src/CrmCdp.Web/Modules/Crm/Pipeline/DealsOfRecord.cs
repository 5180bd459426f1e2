using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Contacts;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Pipeline;

/// <summary>Deals around a record or a person: those a contact or company takes part in, and those an owner expects to close soon.</summary>
internal sealed class DealsOfRecord(IDbContextFactory<AppDbContext> dbFactory, UserDirectory users, TimeProvider timeProvider)
{
    private const int Limit = 50;

    public async Task<IReadOnlyList<DealDto>> ListAsync(AccessContext access, CrmRecordType type, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var deals = db.Set<Deal>().Within(access, P.DealsRead);
        if (type == CrmRecordType.Contact)
        {
            deals = deals.Where(d => d.ContactIds.Contains(id));
        }
        else
        {
            var people = await db.Set<Contact>().Where(c => c.CompanyId == id).Select(c => c.Id).Take(1000).ToListAsync(cancellationToken);
            deals = deals.Where(d => d.CompanyId == id || d.ContactIds.Any(c => people.Contains(c)));
        }

        var rows = await deals.OrderBy(d => d.Outcome == DealOutcome.Open ? 0 : 1).ThenByDescending(d => d.ClosedAt ?? d.UpdatedAt)
            .Take(Limit).AsNoTracking().ToListAsync(cancellationToken);
        return await DealDtos.ToDtosAsync(db, users, rows, timeProvider.GetUtcNow(), cancellationToken);
    }

    /// <summary>The owner's open deals expected to close in [from, to), soonest first.</summary>
    public async Task<IReadOnlyList<DealDto>> ClosingAsync(AccessContext access, Guid ownerId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<Deal>().Within(access, P.DealsRead)
            .Where(d => d.OwnerId == ownerId && d.Outcome == DealOutcome.Open && d.ExpectedCloseDate >= from && d.ExpectedCloseDate < to)
            .OrderBy(d => d.ExpectedCloseDate).Take(Limit).AsNoTracking().ToListAsync(cancellationToken);
        return await DealDtos.ToDtosAsync(db, users, rows, timeProvider.GetUtcNow(), cancellationToken);
    }
}
