using CrmCdp.Web.Modules.Crm.Companies;
using CrmCdp.Web.Modules.Crm.Contacts;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Common;

/// <summary>Checks that the contact or company an activity or task hangs on is visible to the caller.</summary>
internal static class RecordLinks
{
    /// <summary>Adds a problem for each linked record that does not exist or is out of the caller's reach, unless its field already has one.</summary>
    public static async Task AddProblemsAsync(
        Dictionary<string, string[]> errors, AppDbContext db, AccessContext access, Guid? contactId, Guid? companyId, CancellationToken cancellationToken, Guid? dealId = null)
    {
        if (dealId is { } deal && !await db.Set<Pipeline.Deal>().Within(access, P.DealsRead).AnyAsync(d => d.Id == deal, cancellationToken))
        {
            errors.TryAdd("dealId", ["No such deal, or it is not visible to you."]);
        }

        if (contactId is { } contact && !await db.Set<Contact>().Within(access, P.ContactsRead).AnyAsync(c => c.Id == contact, cancellationToken))
        {
            errors.TryAdd("contactId", ["No such contact, or it is not visible to you."]);
        }

        if (companyId is { } company && !await db.Set<Company>().Within(access, P.CompaniesRead).AnyAsync(c => c.Id == company, cancellationToken))
        {
            errors.TryAdd("companyId", ["No such company, or it is not visible to you."]);
        }
    }

    /// <summary>Ids of the contacts and companies the caller may read, as sub-queries to filter activities and tasks by.</summary>
    public static (IQueryable<Guid> Contacts, IQueryable<Guid> Companies) Visible(AppDbContext db, AccessContext access) =>
        (db.Set<Contact>().Within(access, P.ContactsRead).Select(c => c.Id),
         db.Set<Company>().Within(access, P.CompaniesRead).Select(c => c.Id));
}
