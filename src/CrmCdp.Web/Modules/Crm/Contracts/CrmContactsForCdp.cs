
namespace CrmCdp.Web.Modules.Crm.Contracts;

/// <summary>What the CDP may ask of the CRM: create a contact from a known profile, under the actor's own permissions.</summary>
internal interface ICrmContacts
{
    /// <summary>Whether the caller may read this contact (within their contacts scope).</summary>
    Task<bool> IsVisibleAsync(AccessContext access, Guid contactId, CancellationToken cancellationToken = default);

    /// <summary>The names of those contacts the caller may read, masked unless they may see personal data.</summary>
    Task<IReadOnlyDictionary<Guid, string>> DisplayNamesAsync(AccessContext access, IEnumerable<Guid> contactIds, CancellationToken cancellationToken = default);

    /// <returns>The new contact's id, or why it could not be created (forbidden, invalid).</returns>
    Task<OperationResult<Guid>> CreateFromProfileAsync(AccessContext access, string? firstName, string? lastName, string? email, string? phone, CancellationToken cancellationToken = default);

    /// <summary>How many of the contacts had a deal created, or won (and for how much), from <paramref name="since"/> on: what activation led to. Nothing for a caller who may not read deals.</summary>
    Task<DealsAfter> DealsAfterAsync(AccessContext access, AppDbContext db, IReadOnlyCollection<Guid> contactIds, DateTimeOffset since, CancellationToken cancellationToken = default);
}
