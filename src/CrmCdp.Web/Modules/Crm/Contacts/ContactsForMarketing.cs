using CrmCdp.Web.Modules.Crm.Common.Records;
using CrmCdp.Web.Modules.Crm.Contracts;
using CrmCdp.Web.Modules.Crm.Emails;
using CrmCdp.Web.Modules.Crm.Pipeline;

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

    public async Task<DealsAfter> DealsAfterAsync(AppDbContext db, IReadOnlyCollection<Guid> contactIds, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var ids = contactIds.ToArray();
        var deals = await db.Set<Deal>().AsNoTracking().Where(d => d.ContactIds.Any(c => ids.Contains(c)) && (d.CreatedAt >= since || (d.Outcome == DealOutcome.Won && d.ClosedAt >= since)))
            .Select(d => new { d.ContactIds, d.CreatedAt, d.Outcome, d.ClosedAt, d.Amount }).ToListAsync(cancellationToken);
        var asked = ids.ToHashSet();
        var created = deals.Where(d => d.CreatedAt >= since).SelectMany(d => d.ContactIds).Where(asked.Contains).Distinct().Count();
        var won = deals.Where(d => d.Outcome == DealOutcome.Won && d.ClosedAt >= since).ToList();
        return new DealsAfter(created, won.SelectMany(d => d.ContactIds).Where(asked.Contains).Distinct().Count(), won.Sum(d => d.Amount));
    }

    public async Task<bool> AddTagAsync(AppDbContext db, Guid contactId, string tag, CancellationToken cancellationToken = default)
    {
        if (await db.Set<Contact>().SingleOrDefaultAsync(c => c.Id == contactId, cancellationToken) is not { } contact
            || contact.Tags.Contains(tag.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        (contact.Tags, contact.UpdatedAt) = (RecordText.Tags([.. contact.Tags, tag]), timeProvider.GetUtcNow());
        return true;
    }

    public async Task<bool> RevokeEmailConsentAsync(AppDbContext db, Guid contactId, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        return await db.Set<Contact>().Where(c => c.Id == contactId && c.EmailConsent)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.EmailConsent, false).SetProperty(c => c.UpdatedAt, now), cancellationToken) > 0;
    }
}
