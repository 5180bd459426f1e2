using System.Text.Json;
using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Common.Records;
using CrmCdp.Web.Modules.Crm.Contracts;
using CrmCdp.Web.Modules.Crm.CustomFields;
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

    public Task<DealsAfter> DealsAfterAsync(AppDbContext db, IReadOnlyCollection<Guid> contactIds, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        DealsAfterContacts.CountAsync(db, contactIds, since, cancellationToken);

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

    public async Task<string?> UpdateFieldAsync(AppDbContext db, Guid contactId, string field, JsonElement? value, CancellationToken cancellationToken = default)
    {
        if (await db.Set<Contact>().SingleOrDefaultAsync(c => c.Id == contactId, cancellationToken) is not { } contact)
        {
            return "contact_gone";
        }

        var text = value is { ValueKind: JsonValueKind.String } s ? s.GetString()!.Trim() : value is { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } v ? v.GetRawText() : null;
        switch (field)
        {
            case "first_name" or "last_name" when text is null || text.Length > 100:
            case "job_title" or "lead_source" when text is { Length: > 200 }:
                return "invalid_value";
            case "first_name":
                contact.FirstName = text!;
                break;
            case "last_name":
                contact.LastName = text!;
                break;
            case "job_title":
                contact.JobTitle = RecordText.Clean(text);
                break;
            case "lead_source":
                contact.LeadSource = RecordText.Clean(text);
                break;
            case "lifecycle_stage" when CrmEnumNames.Parse<LifecycleStage>(text) is { } stage:
                contact.LifecycleStage = stage;
                break;
            case "lifecycle_stage":
                return "invalid_value";
            case not null when field.StartsWith(ContactFieldNames.CustomPrefix, StringComparison.Ordinal):
                var key = field[ContactFieldNames.CustomPrefix.Length..];
                var definitions = await db.Set<CustomFieldDefinition>().Where(f => f.AppliesTo == CustomFieldTarget.Contact)
                    .Select(f => new CustomFieldDto(f.Id, f.Key, f.Label, f.Type, f.Choices, f.AppliesTo)).ToListAsync(cancellationToken);
                if (definitions.All(d => d.Key != key))
                {
                    return "unknown_field";
                }

                var values = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(contact.CustomFieldsJson) ?? [];
                values[key] = value ?? JsonSerializer.SerializeToElement<object?>(null);
                var (json, errors) = CustomFieldService.Normalize(values, definitions);
                if (errors.ContainsKey($"customFields.{key}"))
                {
                    return "invalid_value";
                }

                contact.CustomFieldsJson = json;
                break;
            default:
                return "unknown_field";
        }

        contact.UpdatedAt = timeProvider.GetUtcNow();
        contact.RefreshSearchText();
        return null;
    }

    public async Task<bool> RevokeEmailConsentAsync(AppDbContext db, Guid contactId, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        return await db.Set<Contact>().Where(c => c.Id == contactId && c.EmailConsent)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.EmailConsent, false).SetProperty(c => c.UpdatedAt, now), cancellationToken) > 0;
    }
}
