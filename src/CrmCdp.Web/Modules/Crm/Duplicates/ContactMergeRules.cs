using CrmCdp.Web.Modules.Crm.Activities;
using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Common.Records;
using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Modules.Crm.Tasks;
using CrmCdp.Web.Modules.Crm.Timeline;

namespace CrmCdp.Web.Modules.Crm.Duplicates;

/// <summary>
/// Merging contacts: firstName, lastName, jobTitle, companyId, ownerId, lifecycleStage and leadSource may be taken from
/// the merged contact; emails, phones and tags are combined, consent is kept when either gave it; activities and tasks move.
/// </summary>
internal sealed class ContactMergeRules(UserDirectory users) : IMergeRules<Contact>
{
    public IQueryable<Contact> Load(AppDbContext db) => db.Set<Contact>().Include(c => c.Company);

    public async Task<IReadOnlyList<FieldChange>> CombineAsync(Contact survivor, Contact merged, IReadOnlySet<string> take, CancellationToken cancellationToken)
    {
        var before = ContactSnapshot.Of(survivor);
        if (take.Contains("firstName")) survivor.FirstName = merged.FirstName;
        if (take.Contains("lastName")) survivor.LastName = merged.LastName;
        if (take.Contains("jobTitle")) survivor.JobTitle = merged.JobTitle;
        if (take.Contains("companyId")) (survivor.CompanyId, survivor.Company) = (merged.CompanyId, merged.Company);
        if (take.Contains("ownerId")) survivor.OwnerId = merged.OwnerId;
        if (take.Contains("lifecycleStage")) survivor.LifecycleStage = merged.LifecycleStage;
        if (take.Contains("leadSource")) survivor.LeadSource = merged.LeadSource;
        survivor.Emails = [.. survivor.Emails.Concat(merged.Emails).Distinct()];
        survivor.Phones = [.. survivor.Phones.Concat(merged.Phones).Distinct()];
        survivor.Tags = [.. survivor.Tags.Concat(merged.Tags).Distinct(StringComparer.OrdinalIgnoreCase)];
        survivor.EmailConsent |= merged.EmailConsent;
        survivor.SmsConsent |= merged.SmsConsent;
        survivor.RefreshSearchText();
        return await ContactSnapshot.ChangesAsync(before, ContactSnapshot.Of(survivor), users, cancellationToken);
    }

    public async Task MoveRelatedAsync(AppDbContext db, Guid survivorId, Guid mergedId, CancellationToken cancellationToken)
    {
        await db.Set<Activity>().IgnoreQueryFilters().Where(a => a.ContactId == mergedId)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.ContactId, survivorId), cancellationToken);
        await db.Set<CrmTask>().IgnoreQueryFilters().Where(t => t.ContactId == mergedId)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.ContactId, survivorId), cancellationToken);
    }

    public string Describe(Contact merged) => $"{merged.FullName} ({merged.PrimaryEmail ?? "no email"})";
}
