using CrmCdp.Web.Modules.Crm.Contracts;
using CrmCdp.Web.Modules.Crm.Emails;

namespace CrmCdp.Web.Modules.Crm.Contacts;

[SystemAccess("Marketing reads a contact's merge fields and records their unsubscribe; the person, or a published journey, acts.")]
internal sealed class ContactsForMarketing(TimeProvider timeProvider) : ICrmContactsForMarketing
{
    public async Task<IReadOnlyDictionary<string, object?>?> MergeFieldsAsync(AppDbContext db, Guid contactId, CancellationToken cancellationToken = default)
    {
        var contact = await db.Set<Contact>().AsNoTracking().Include(c => c.Company).SingleOrDefaultAsync(c => c.Id == contactId, cancellationToken);
        return contact is null ? null : EmailVariables.For(contact, contact.Company?.Name, "", "")["contact"];
    }

    public Task<bool> EmailConsentAsync(AppDbContext db, Guid contactId, CancellationToken cancellationToken = default) =>
        db.Set<Contact>().AnyAsync(c => c.Id == contactId && c.EmailConsent, cancellationToken);

    public async Task<bool> RevokeEmailConsentAsync(AppDbContext db, Guid contactId, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        return await db.Set<Contact>().Where(c => c.Id == contactId && c.EmailConsent)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.EmailConsent, false).SetProperty(c => c.UpdatedAt, now), cancellationToken) > 0;
    }
}
