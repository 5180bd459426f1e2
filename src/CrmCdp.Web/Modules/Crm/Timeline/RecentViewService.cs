using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Companies;
using CrmCdp.Web.Modules.Crm.Contacts;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Timeline;

internal sealed record RecentRecord(CrmRecordType Type, Guid Id, string Name, DateTimeOffset ViewedAt);

internal sealed class RecentViewService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider timeProvider)
{
    public async Task RecordAsync(AccessContext access, CrmRecordType type, Guid id, CancellationToken cancellationToken = default)
    {
        if (access.UserId is not { } user)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var updated = await db.Set<RecentView>().Where(v => v.UserId == user && v.RecordType == type && v.RecordId == id)
            .ExecuteUpdateAsync(set => set.SetProperty(v => v.ViewedAt, now), cancellationToken);
        if (updated == 0)
        {
            db.Add(new RecentView { UserId = user, RecordType = type, RecordId = id, ViewedAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Two tabs opened the same record at once; one row is all we need.
            }
        }
    }

    /// <summary>The user's latest viewed records that are still visible to them.</summary>
    public async Task<IReadOnlyList<RecentRecord>> LatestAsync(AccessContext access, int count, CancellationToken cancellationToken = default)
    {
        if (access.UserId is not { } user)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var views = await db.Set<RecentView>().Where(v => v.UserId == user).OrderByDescending(v => v.ViewedAt).Take(count * 2)
            .AsNoTracking().ToListAsync(cancellationToken);
        var contactIds = views.Where(v => v.RecordType == CrmRecordType.Contact).Select(v => v.RecordId).ToList();
        var companyIds = views.Where(v => v.RecordType == CrmRecordType.Company).Select(v => v.RecordId).ToList();
        var contacts = await db.Set<Contact>().Within(access, P.ContactsRead).Where(c => contactIds.Contains(c.Id))
            .Select(c => new { c.Id, c.FirstName, c.LastName }).ToDictionaryAsync(c => c.Id, c => access.DisplayName(c.FirstName, c.LastName), cancellationToken);
        var companies = await db.Set<Company>().Within(access, P.CompaniesRead).Where(c => companyIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        return [.. views
            .Select(v => (View: v, Name: v.RecordType == CrmRecordType.Contact ? contacts.GetValueOrDefault(v.RecordId) : companies.GetValueOrDefault(v.RecordId)))
            .Where(x => x.Name is not null)
            .Take(count)
            .Select(x => new RecentRecord(x.View.RecordType, x.View.RecordId, x.Name!, x.View.ViewedAt))];
    }
}
