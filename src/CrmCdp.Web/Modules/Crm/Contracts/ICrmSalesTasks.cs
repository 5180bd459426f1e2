
namespace CrmCdp.Web.Modules.Crm.Contracts;

/// <summary>What the CDP's activation and journeys may ask of the CRM: a follow-up task for a contact's owner or a team's member.</summary>
internal interface ICrmSalesTasks
{
    /// <summary>
    /// Adds (does not save) a high-priority call task on the contact, owned by the contact's owner, to
    /// <paramref name="db"/>, so the caller commits it with its own bookkeeping. Null when the contact is gone.
    /// </summary>
    /// <param name="title">The title; <c>{name}</c> in it becomes the contact's name (or email).</param>
    /// <param name="origin">What asks: <c>activation</c> (a segment's entry) or <c>journey</c>.</param>
    /// <param name="ownerId">Who gets it instead of the contact's owner (a round robin's pick).</param>
    Task<Guid?> AddFollowUpAsync(AppDbContext db, Guid contactId, string title, string notes, DateTimeOffset dueAt, string origin, Guid? ownerId = null, CancellationToken cancellationToken = default);

    Task<bool> TeamExistsAsync(AppDbContext db, Guid teamId, CancellationToken cancellationToken = default);

    /// <summary>Whose turn it is in the team after <paramref name="last"/>, among the members who can take work now (not away, not deactivated); null when none can.</summary>
    Task<Guid?> NextTeamMemberAsync(AppDbContext db, Guid teamId, Guid? last, CancellationToken cancellationToken = default);
}

/// <summary>Who made a task other than a person, so dashboards can show the work the CDP hands to sales.</summary>
internal static class SalesTaskOrigins
{
    public const string Activation = "activation";
    public const string Journey = "journey";
}
