using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Contracts;

namespace CrmCdp.Web.Modules.Crm.Contacts;

/// <summary>Creates contacts for the CDP through the same service (validation, scopes, audit) as the contact form.</summary>
internal sealed class CrmContactsForCdp(IDbContextFactory<AppDbContext> dbFactory, ContactService contacts) : ICrmContacts
{
    public async Task<IReadOnlyDictionary<Guid, string>> DisplayNamesAsync(AccessContext access, IEnumerable<Guid> contactIds, CancellationToken cancellationToken = default)
    {
        var ids = contactIds.Distinct().ToList();
        if (ids.Count == 0 || !access.Has(Permissions.Crm.ContactsRead))
        {
            return new Dictionary<Guid, string>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.Set<Contact>().Within(access, Permissions.Crm.ContactsRead).Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.FirstName, c.LastName }).ToListAsync(cancellationToken);
        return found.ToDictionary(c => c.Id, c => access.DisplayName(c.FirstName, c.LastName) is { Length: > 0 } name ? name : "(no name)");
    }

    public Task<DealsAfter> DealsAfterAsync(AccessContext access, AppDbContext db, IReadOnlyCollection<Guid> contactIds, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        access.Has(Permissions.Crm.DealsRead) ? Pipeline.DealsAfterContacts.CountAsync(db, contactIds, since, cancellationToken) : Task.FromResult(new DealsAfter(0, 0, 0));

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
