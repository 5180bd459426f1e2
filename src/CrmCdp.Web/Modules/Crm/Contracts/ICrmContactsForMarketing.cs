namespace CrmCdp.Web.Modules.Crm.Contracts;

/// <summary>What became of a campaign's or an audience's people in the CRM afterwards.</summary>
internal sealed record DealsAfter(int ContactsWithDealCreated, int ContactsWithDealWon, decimal AmountWon);

/// <summary>What marketing may ask of the CRM about a contact, in the caller's unit of work.</summary>
internal interface ICrmContactsForMarketing
{
    /// <summary>The contact's merge fields for an email (<c>contact.*</c>: first_name, last_name, name, email, company, custom.*); null when it is gone.</summary>
    Task<IReadOnlyDictionary<string, object?>?> MergeFieldsAsync(AppDbContext db, Guid contactId, CancellationToken cancellationToken = default);

    /// <summary>Whether the contact still agrees to email (the CRM's own record, which the person's unsubscribe changes).</summary>
    Task<bool> EmailConsentAsync(AppDbContext db, Guid contactId, CancellationToken cancellationToken = default);

    /// <summary>Of these contacts, how many had a deal created, and won, at or after the moment (and the amount won).</summary>
    Task<DealsAfter> DealsAfterAsync(AppDbContext db, IReadOnlyCollection<Guid> contactIds, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Adds a tag to the contact (tags are compared without regard to case); answers false when it already had it.</summary>
    Task<bool> AddTagAsync(AppDbContext db, Guid contactId, string tag, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets one of the contact's fields (<see cref="ContactFieldNames"/>) as automation, checked as the screen checks it;
    /// answers null when set (or already so), else why not (<c>contact_gone</c>, <c>unknown_field</c>, <c>invalid_value</c>).
    /// </summary>
    Task<string?> UpdateFieldAsync(AppDbContext db, Guid contactId, string field, System.Text.Json.JsonElement? value, CancellationToken cancellationToken = default);

    /// <summary>Revokes the contact's email consent (it shows on the contact and reaches the profile); answers whether it changed.</summary>
    Task<bool> RevokeEmailConsentAsync(AppDbContext db, Guid contactId, CancellationToken cancellationToken = default);
}
