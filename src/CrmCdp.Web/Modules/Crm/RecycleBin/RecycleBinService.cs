using CrmCdp.Web.Modules.Crm.Companies;
using CrmCdp.Web.Modules.Crm.Contacts;

namespace CrmCdp.Web.Modules.Crm.RecycleBin;

public sealed record DeletedRecord(string Type, Guid Id, string Name, DateTimeOffset DeletedAt);

/// <summary>Deleted contacts and companies, newest first, for an administrator to restore.</summary>
internal sealed class RecycleBinService(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<IReadOnlyList<DeletedRecord>> ListAsync(AccessContext access, int limit = 100, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Crm.RecordsRestore))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contacts = await db.Set<Contact>().IgnoreQueryFilters().Where(c => c.DeletedAt != null)
            .OrderByDescending(c => c.DeletedAt).Take(limit)
            .Select(c => new DeletedRecord("contact", c.Id, (c.FirstName + " " + c.LastName).Trim(), c.DeletedAt!.Value)).ToListAsync(cancellationToken);
        var companies = await db.Set<Company>().IgnoreQueryFilters().Where(c => c.DeletedAt != null)
            .OrderByDescending(c => c.DeletedAt).Take(limit)
            .Select(c => new DeletedRecord("company", c.Id, c.Name, c.DeletedAt!.Value)).ToListAsync(cancellationToken);
        return [.. contacts.Concat(companies).OrderByDescending(r => r.DeletedAt).Take(limit)];
    }
}
