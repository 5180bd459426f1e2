using CrmCdp.Web.Modules.Crm.Contracts;

namespace CrmCdp.Web.Modules.Crm.Contacts;

/// <summary>Creates contacts for the CDP through the same service (validation, scopes, audit) as the contact form.</summary>
internal sealed class CrmContactsForCdp(ContactService contacts) : ICrmContacts
{
    public async Task<bool> IsVisibleAsync(AccessContext access, Guid contactId, CancellationToken cancellationToken = default) =>
        (await contacts.GetAsync(access, contactId, cancellationToken)).Value is not null;

    public async Task<OperationResult<Guid>> CreateFromProfileAsync(
        AccessContext access, string? firstName, string? lastName, string? email, string? phone, CancellationToken cancellationToken = default)
    {
        var input = new ContactInput
        {
            FirstName = string.IsNullOrWhiteSpace(firstName) ? email?.Split('@')[0] ?? "Unknown" : firstName,
            LastName = lastName ?? "",
            Email = email,
            Phones = phone is null ? [] : [phone],
            LeadSource = "CDP profile",
        };
        var created = await contacts.CreateAsync(access, input, cancellationToken);
        return created.Value is { } contact ? OperationResult<Guid>.Ok(contact.Id) : created.As<Guid>();
    }
}
