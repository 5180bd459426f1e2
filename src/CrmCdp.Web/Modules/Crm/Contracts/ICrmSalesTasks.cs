
namespace CrmCdp.Web.Modules.Crm.Contracts;

/// <summary>What the CDP's activation may ask of the CRM: a follow-up task for a contact's owner.</summary>
internal interface ICrmSalesTasks
{
    /// <summary>
    /// Adds (does not save) a high-priority call task on the contact, owned by the contact's owner, to
    /// <paramref name="db"/>, so the caller commits it with its own bookkeeping. Null when the contact is gone.
    /// </summary>
    /// <param name="title">The title; <c>{name}</c> in it becomes the contact's name (or email).</param>
    Task<Guid?> AddFollowUpAsync(AppDbContext db, Guid contactId, string title, string notes, DateTimeOffset dueAt, CancellationToken cancellationToken = default);
}
