using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Companies;
using CrmCdp.Web.Modules.Crm.Timeline;
using CrmCdp.Web.Platform.Auth;
using CrmCdp.Web.Platform.ContactPoints;
using CrmCdp.Web.Platform.Data;
using CrmCdp.Web.Platform.Validation;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Contacts;

/// <summary>Creates, reads, edits and deletes contacts within the caller's record scope.</summary>
internal sealed class ContactService(
    IDbContextFactory<AppDbContext> dbFactory,
    IValidator<ContactInput> validator,
    ContactPointNormalizer normalizer,
    UserDirectory users,
    CustomFields.CustomFieldService customFields,
    TimeProvider timeProvider)
{
    public const string ConflictMessage =
        "Someone else changed this contact after you opened it. Reload to see their changes, then make yours again.";

    public async Task<OperationResult<ContactDto>> GetAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contact = await db.Set<Contact>().Include(c => c.Company).Within(access, P.ContactsRead)
            .AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return contact is null ? OperationResult<ContactDto>.NotFound() : OperationResult<ContactDto>.Ok((await ToDtoAsync(contact, cancellationToken)).ForViewer(access));
    }

    public async Task<OperationResult<ContactDto>> CreateAsync(AccessContext access, ContactInput input, CancellationToken cancellationToken = default)
    {
        if (!access.Has(P.ContactsCreate))
        {
            return OperationResult<ContactDto>.Forbidden("Your role cannot create contacts.");
        }

        var ownerId = input.OwnerId ?? access.UserId;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var problems = await CheckAsync(db, access, input, ownerId, P.ContactsCreate, cancellationToken);
        if (problems is not null)
        {
            return OperationResult<ContactDto>.Invalid(problems);
        }

        var now = timeProvider.GetUtcNow();
        var contact = new Contact { Id = Guid.CreateVersion7(), CreatedAt = now, OwnerId = ownerId };
        Apply(contact, input, ownerId, now);
        await ApplyCustomFieldsAsync(contact, input, cancellationToken);
        db.Add(contact);
        db.Add(new RecordChange { RecordType = CrmRecordType.Contact, RecordId = contact.Id, UserId = access.UserId, ChangedAt = now, Field = "created" });
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(access, contact.Id, cancellationToken);
    }

    public async Task<OperationResult<ContactDto>> UpdateAsync(AccessContext access, Guid id, ContactInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contact = await db.Set<Contact>().Include(c => c.Company).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contact is null || !access.Allows(P.ContactsRead, contact.OwnerId))
        {
            return OperationResult<ContactDto>.NotFound();
        }

        if (!access.Allows(P.ContactsEdit, contact.OwnerId))
        {
            return OperationResult<ContactDto>.Forbidden("You can view this contact but not edit it.");
        }

        if (input.Version is null)
        {
            return OperationResult<ContactDto>.Invalid("version", "Send the version you read, so that a concurrent edit is not overwritten.");
        }

        input.KeepPersonalFields(contact, access);
        var ownerId = input.OwnerId ?? contact.OwnerId;
        var problems = await CheckAsync(db, access, input, ownerId, P.ContactsEdit, cancellationToken);
        if (problems is not null)
        {
            return OperationResult<ContactDto>.Invalid(problems);
        }

        db.Entry(contact).Property(c => c.Version).OriginalValue = input.Version.Value;
        var before = ContactSnapshot.Of(contact);
        var now = timeProvider.GetUtcNow();
        Apply(contact, input, ownerId, now);
        await ApplyCustomFieldsAsync(contact, input, cancellationToken);
        if (contact.CompanyId != before.CompanyId)
        {
            contact.Company = contact.CompanyId is { } companyId ? await db.Set<Company>().FindAsync([companyId], cancellationToken) : null;
        }

        var after = ContactSnapshot.Of(contact);
        var changes = await ContactSnapshot.ChangesAsync(before, after, users, cancellationToken);
        db.AddRange(changes.Select(change => new RecordChange
        {
            RecordType = CrmRecordType.Contact,
            RecordId = id,
            UserId = access.UserId,
            ChangedAt = now,
            Field = change.Field,
            OldValue = change.OldValue,
            NewValue = change.NewValue,
        }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return OperationResult<ContactDto>.Conflict(ConflictMessage);
        }

        return await GetAsync(access, id, cancellationToken);
    }

    public async Task<OperationResult<bool>> DeleteAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contact = await db.Set<Contact>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contact is null || !access.Allows(P.ContactsRead, contact.OwnerId))
        {
            return OperationResult<bool>.NotFound();
        }

        if (!access.Allows(P.ContactsDelete, contact.OwnerId))
        {
            return OperationResult<bool>.Forbidden("You can view this contact but not delete it.");
        }

        var now = timeProvider.GetUtcNow();
        contact.DeletedAt = now;
        db.Add(new RecordChange { RecordType = CrmRecordType.Contact, RecordId = id, UserId = access.UserId, ChangedAt = now, Field = "deleted" });
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<bool>.Ok(true);
    }

    public async Task<OperationResult<ContactDto>> RestoreAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Crm.RecordsRestore))
        {
            return OperationResult<ContactDto>.Forbidden("Only an administrator can restore deleted records.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contact = await db.Set<Contact>().IgnoreQueryFilters().SingleOrDefaultAsync(c => c.Id == id && c.DeletedAt != null, cancellationToken);
        if (contact is null)
        {
            return OperationResult<ContactDto>.NotFound();
        }

        var now = timeProvider.GetUtcNow();
        contact.DeletedAt = null;
        db.Add(new RecordChange { RecordType = CrmRecordType.Contact, RecordId = id, UserId = access.UserId, ChangedAt = now, Field = "restored" });
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(access, id, cancellationToken);
    }

    private async Task<ContactDto> ToDtoAsync(Contact contact, CancellationToken cancellationToken = default)
    {
        var names = await users.NamesAsync([contact.OwnerId], cancellationToken);
        return ToDto(contact, names);
    }

    public static ContactDto ToDto(Contact contact, IReadOnlyDictionary<Guid, string> ownerNames) => new(
        contact.Id, contact.FirstName, contact.LastName, contact.PrimaryEmail, contact.Emails, contact.Phones, contact.JobTitle,
        contact.CompanyId, contact.Company?.Name, contact.OwnerId,
        contact.OwnerId is { } owner ? ownerNames.GetValueOrDefault(owner) : null,
        CrmEnumNames.Wire(contact.LifecycleStage), contact.LeadSource, contact.Tags, contact.EmailConsent, contact.SmsConsent,
        CustomFields.CustomFieldService.Read(contact.CustomFieldsJson), contact.CreatedAt, contact.UpdatedAt, contact.Version);

    private async Task ApplyCustomFieldsAsync(Contact contact, ContactInput input, CancellationToken cancellationToken)
    {
        if (input.CustomFields is not null)
        {
            contact.CustomFieldsJson = CustomFields.CustomFieldService.Normalize(input.CustomFields, await customFields.DefinitionsAsync(CustomFields.CustomFieldTarget.Contact, cancellationToken)).Json;
        }
    }

    /// <summary>Validation that needs the database: company and owner exist and are within reach.</summary>
    private async Task<Dictionary<string, string[]>?> CheckAsync(
        AppDbContext db, AccessContext access, ContactInput input, Guid? ownerId, string permission, CancellationToken cancellationToken)
    {
        var result = await validator.ValidateAsync(input, cancellationToken);
        var errors = ValidationErrors.ByField(result);
        if (input.CustomFields is not null)
        {
            var (_, fieldErrors) = CustomFields.CustomFieldService.Normalize(input.CustomFields, await customFields.DefinitionsAsync(CustomFields.CustomFieldTarget.Contact, cancellationToken));
            foreach (var (field, messages) in fieldErrors)
            {
                errors[field] = messages;
            }
        }

        if (input.CompanyId is { } companyId
            && !await db.Set<Company>().Within(access, P.CompaniesRead).AnyAsync(c => c.Id == companyId, cancellationToken))
        {
            errors["companyId"] = ["No such company, or it is not visible to you."];
        }

        if (await users.OwnerProblemAsync(access, ownerId, permission, "contacts", cancellationToken) is { } ownerProblem)
        {
            errors["ownerId"] = [ownerProblem];
        }

        return errors.Count == 0 ? null : errors;
    }

    private void Apply(Contact contact, ContactInput input, Guid? ownerId, DateTimeOffset now)
    {
        contact.FirstName = input.FirstName?.Trim() ?? "";
        contact.LastName = input.LastName?.Trim() ?? "";
        contact.Emails = [.. input.AllEmails().Select(ContactPointNormalizer.NormalizeEmail).OfType<string>().Distinct()];
        contact.Phones = [.. (input.Phones ?? []).Select(normalizer.NormalizePhone).OfType<string>().Distinct()];
        contact.JobTitle = Clean(input.JobTitle);
        contact.CompanyId = input.CompanyId;
        contact.OwnerId = ownerId;
        contact.LifecycleStage = CrmEnumNames.Parse<LifecycleStage>(input.LifecycleStage) ?? contact.LifecycleStage;
        contact.LeadSource = Clean(input.LeadSource);
        contact.Tags = [.. (input.Tags ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
        contact.EmailConsent = input.EmailConsent;
        contact.SmsConsent = input.SmsConsent;
        contact.UpdatedAt = now;
        contact.RefreshSearchText();
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
