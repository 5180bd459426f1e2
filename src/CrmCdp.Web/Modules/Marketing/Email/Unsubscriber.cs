using CrmCdp.Web.Modules.Cdp.Contracts;
using CrmCdp.Web.Modules.Crm.Contracts;
using CrmCdp.Web.Platform.Audit;

namespace CrmCdp.Web.Modules.Marketing.Email;

/// <summary>
/// A person's unsubscribe, in effect at once and in one transaction: the linked contact's email consent and the profile's
/// are revoked (the profile's consent history records it), and the audit log says so.
/// </summary>
[SystemAccess("The person unsubscribes themself; the signed link proves who they are.")]
internal sealed class Unsubscriber(IDbContextFactory<AppDbContext> dbFactory, ICdpProfilesForMarketing profiles, ICrmContactsForMarketing contacts, AuditLog audit, TimeProvider timeProvider)
{
    public const string ConsentSource = "unsubscribe";

    /// <summary>Answers false when the person is no longer known (erased).</summary>
    public async Task<bool> UnsubscribeAsync(Guid profileId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await profiles.LoadAsync(db, profileId, cancellationToken) is not { } profile)
        {
            return false;
        }

        var contactChanged = profile.ContactId is { } contactId && await contacts.RevokeEmailConsentAsync(db, contactId, cancellationToken);
        await profiles.RevokeEmailConsentAsync(db, profile.Id, ConsentSource, cancellationToken);
        db.Add(new MarketingUnsubscribe { ProfileId = profile.Id, At = timeProvider.GetUtcNow() });
        audit.Add(db, new AuditEntry
        {
            Action = AuditActions.Unsubscribed,
            Actor = "the person (unsubscribe link)",
            RecordType = "profile",
            RecordId = profile.Id.ToString(),
            Field = "consent.email",
            After = "false",
            Summary = contactChanged ? $"Unsubscribed from marketing email; contact {profile.ContactId} no longer agrees to email" : "Unsubscribed from marketing email",
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
