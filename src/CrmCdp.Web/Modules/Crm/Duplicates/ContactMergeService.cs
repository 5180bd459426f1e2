using CrmCdp.Web.Modules.Crm.Activities;
using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Modules.Crm.Tasks;
using CrmCdp.Web.Modules.Crm.Timeline;
using CrmCdp.Web.Platform.Auth;
using CrmCdp.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Duplicates;

/// <summary>Which contact's value a merged field keeps.</summary>
public sealed class MergeRequest
{
    public Guid SurvivorId { get; set; }

    public Guid MergedId { get; set; }

    /// <summary>Fields (firstName, lastName, jobTitle, companyId, ownerId, lifecycleStage, leadSource) to take from the merged contact; the rest keep the survivor's. Emails, phones and tags are combined.</summary>
    public List<string> TakeFromMerged { get; set; } = [];
}

/// <summary>
/// Merges two contacts in one transaction: the survivor keeps the chosen values, every activity, task,
/// history entry, email, phone and tag moves over, the other contact is soft-deleted, and the merge is on the timeline.
/// </summary>
internal sealed class ContactMergeService(IDbContextFactory<AppDbContext> dbFactory, UserDirectory users, ContactService contacts, TimeProvider timeProvider)
{
    public async Task<OperationResult<ContactDto>> MergeAsync(AccessContext access, MergeRequest request, CancellationToken cancellationToken = default)
    {
        if (request.SurvivorId == request.MergedId)
        {
            return OperationResult<ContactDto>.Invalid("mergedId", "Choose two different contacts.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var pair = await db.Set<Contact>().Include(c => c.Company)
            .Where(c => c.Id == request.SurvivorId || c.Id == request.MergedId).ToListAsync(cancellationToken);
        var survivor = pair.SingleOrDefault(c => c.Id == request.SurvivorId);
        var merged = pair.SingleOrDefault(c => c.Id == request.MergedId);
        if (survivor is null || merged is null || !access.Allows(P.ContactsRead, survivor.OwnerId) || !access.Allows(P.ContactsRead, merged.OwnerId))
        {
            return OperationResult<ContactDto>.NotFound();
        }

        if (!access.Allows(P.ContactsEdit, survivor.OwnerId) || !access.Allows(P.ContactsDelete, merged.OwnerId))
        {
            return OperationResult<ContactDto>.Forbidden("Merging needs the right to edit the kept contact and to delete the other one.");
        }

        var before = ContactSnapshot.Of(survivor);
        var take = (request.TakeFromMerged ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase);
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
        var now = timeProvider.GetUtcNow();
        survivor.UpdatedAt = now;
        survivor.RefreshSearchText();
        merged.DeletedAt = now;

        await db.Set<Activity>().IgnoreQueryFilters().Where(a => a.ContactId == merged.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.ContactId, survivor.Id), cancellationToken);
        await db.Set<CrmTask>().IgnoreQueryFilters().Where(t => t.ContactId == merged.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.ContactId, survivor.Id), cancellationToken);
        await db.Set<RecordChange>().Where(c => c.RecordType == CrmRecordType.Contact && c.RecordId == merged.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.RecordId, survivor.Id), cancellationToken);
        await db.Set<RecentView>().Where(v => v.RecordType == CrmRecordType.Contact && v.RecordId == merged.Id).ExecuteDeleteAsync(cancellationToken);

        var changes = await ContactSnapshot.ChangesAsync(before, ContactSnapshot.Of(survivor), users, cancellationToken);
        db.AddRange(changes.Select(change => new RecordChange
        {
            RecordType = CrmRecordType.Contact,
            RecordId = survivor.Id,
            UserId = access.UserId,
            ChangedAt = now,
            Field = change.Field,
            OldValue = change.OldValue,
            NewValue = change.NewValue,
        }));
        db.Add(new RecordChange
        {
            RecordType = CrmRecordType.Contact,
            RecordId = survivor.Id,
            UserId = access.UserId,
            ChangedAt = now,
            Field = "merged",
            OldValue = merged.Id.ToString(),
            NewValue = $"{merged.FullName} ({merged.PrimaryEmail ?? "no email"})",
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return OperationResult<ContactDto>.Conflict("One of the contacts changed while merging. Reload and try again.");
        }

        await transaction.CommitAsync(cancellationToken);
        return await contacts.GetAsync(access, survivor.Id, cancellationToken);
    }
}
