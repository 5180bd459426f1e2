using System.Text.Json;
using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Common.Records;
using CrmCdp.Web.Modules.Crm.Companies;
using CrmCdp.Web.Modules.Crm.Contracts;
using CrmCdp.Web.Platform.ContactPoints;
using FluentValidation;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Contacts;

/// <summary>Creates, reads, edits and deletes contacts within the caller's record scope.</summary>
internal sealed class ContactService(
    IDbContextFactory<AppDbContext> dbFactory,
    IValidator<ContactInput> validator,
    ContactPointNormalizer normalizer,
    UserDirectory users,
    RecordInputChecks checks,
    CrmRecordCommands records)
{
    private static CrmRecordKind<Contact> Kind => CrmRecordKinds.Contacts;

    public async Task<OperationResult<ContactDto>> GetAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contact = await db.Set<Contact>().Include(c => c.Company).Within(access, P.ContactsRead)
            .AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return contact is null ? OperationResult<ContactDto>.NotFound() : OperationResult<ContactDto>.Ok((await ToDtoAsync(contact, cancellationToken)).ForViewer(access));
    }

    public async Task<OperationResult<ContactDto>> CreateAsync(AccessContext access, ContactInput input, CancellationToken cancellationToken = default)
    {
        var ownerId = input.OwnerId ?? access.UserId;
        var created = await records.CreateAsync(Kind, access, P.ContactsCreate, "Your role cannot create contacts.", async (db, now) =>
        {
            if (await CheckAsync(db, access, input, ownerId, P.ContactsCreate, cancellationToken) is { } problems)
            {
                return (null, problems);
            }

            var contact = new Contact { Id = Guid.CreateVersion7(), CreatedAt = now, OwnerId = ownerId };
            Apply(contact, input, ownerId, now);
            await ApplyCustomFieldsAsync(contact, input, cancellationToken);
            db.Add(new CrmInternalEvent
            {
                Type = "contact.created",
                RecordId = contact.Id,
                ContactIds = [contact.Id],
                CompanyId = contact.CompanyId,
                OccurredAt = now,
                PropertiesJson = JsonSerializer.Serialize(new { contact.LifecycleStage, contact.LeadSource }, JsonSerializerOptions.Web),
            });
            return (contact, null);
        }, cancellationToken);
        return created.Value is { } id && id != Guid.Empty ? await GetAsync(access, id, cancellationToken) : created.As<ContactDto>();
    }

    public async Task<OperationResult<ContactDto>> UpdateAsync(AccessContext access, Guid id, ContactInput input, CancellationToken cancellationToken = default)
    {
        var edited = await records.EditAsync(Kind, access, id, input.Version, async (db, contact, now) =>
        {
            input.KeepPersonalFields(contact, access);
            var ownerId = input.OwnerId ?? contact.OwnerId;
            if (await CheckAsync(db, access, input, ownerId, P.ContactsEdit, cancellationToken) is { } problems)
            {
                return problems;
            }

            var before = ContactSnapshot.Of(contact);
            Apply(contact, input, ownerId, now);
            await ApplyCustomFieldsAsync(contact, input, cancellationToken);
            if (contact.CompanyId != before.CompanyId)
            {
                contact.Company = contact.CompanyId is { } companyId ? await db.Set<Company>().FindAsync([companyId], cancellationToken) : null;
            }

            CrmRecordCommands.Note(db, Kind, access, id, now, await ContactSnapshot.ChangesAsync(before, ContactSnapshot.Of(contact), users, cancellationToken));
            return null;
        }, cancellationToken, q => q.Include(c => c.Company));
        return edited.Value ? await GetAsync(access, id, cancellationToken) : edited.As<ContactDto>();
    }

    public Task<OperationResult<bool>> DeleteAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default) =>
        records.DeleteAsync(Kind, access, id, cancellationToken);

    public async Task<OperationResult<ContactDto>> RestoreAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        var restored = await records.RestoreAsync(Kind, access, id, cancellationToken);
        return restored.Value ? await GetAsync(access, id, cancellationToken) : restored.As<ContactDto>();
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

    private static CustomFieldInput CustomFieldsOf(ContactInput input) => new(CustomFields.CustomFieldTarget.Contact, input.CustomFields);

    private async Task ApplyCustomFieldsAsync(Contact contact, ContactInput input, CancellationToken cancellationToken) =>
        contact.CustomFieldsJson = await checks.CustomFieldsJsonAsync(CustomFieldsOf(input), cancellationToken) ?? contact.CustomFieldsJson;

    /// <summary>Validation that needs the database: company and owner exist and are within reach.</summary>
    private async Task<Dictionary<string, string[]>?> CheckAsync(
        AppDbContext db, AccessContext access, ContactInput input, Guid? ownerId, string permission, CancellationToken cancellationToken)
    {
        var errors = await checks.CheckAsync(validator, input, access, new RecordOwner(ownerId, permission, "contacts"), cancellationToken, CustomFieldsOf(input));
        await RecordLinks.AddProblemsAsync(errors, db, access, null, input.CompanyId, cancellationToken);

        return errors.Count == 0 ? null : errors;
    }

    private void Apply(Contact contact, ContactInput input, Guid? ownerId, DateTimeOffset now)
    {
        contact.FirstName = input.FirstName?.Trim() ?? "";
        contact.LastName = input.LastName?.Trim() ?? "";
        contact.Emails = [.. input.AllEmails().Select(ContactPointNormalizer.NormalizeEmail).OfType<string>().Distinct()];
        contact.Phones = [.. (input.Phones ?? []).Select(normalizer.NormalizePhone).OfType<string>().Distinct()];
        contact.JobTitle = RecordText.Clean(input.JobTitle);
        contact.CompanyId = input.CompanyId;
        contact.OwnerId = ownerId;
        contact.LifecycleStage = CrmEnumNames.Parse<LifecycleStage>(input.LifecycleStage) ?? contact.LifecycleStage;
        contact.LeadSource = RecordText.Clean(input.LeadSource);
        contact.Tags = RecordText.Tags(input.Tags);
        contact.EmailConsent = input.EmailConsent;
        contact.SmsConsent = input.SmsConsent;
        contact.UpdatedAt = now;
        contact.RefreshSearchText();
    }
}
