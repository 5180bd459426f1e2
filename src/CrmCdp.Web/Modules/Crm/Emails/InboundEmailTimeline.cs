using CrmCdp.Web.Modules.Crm.Activities;
using CrmCdp.Web.Modules.Crm.Common.Records;
using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Platform.Email.Inbound;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Emails;

/// <summary>Logs fetched mail on a contact's timeline as an email activity: a personal mailbox's mail is private to its owner.</summary>
[SystemAccess("Logs as the email channel, once the caller (the fetcher, or a person making the sender a contact) has decided the mail belongs there.")]
internal sealed class InboundEmailTimeline(CrmRecordCommands records)
{
    /// <returns>The activity's id, or null when it could not be logged.</returns>
    public async Task<Guid?> LogAsync(InboundEmail email, Guid? mailboxOwner, Guid contactId, Guid? originalSender, CancellationToken cancellationToken)
    {
        var body = $"From {email.From}\n\n{email.Text}";
        var logged = await records.CreateAsync(CrmRecordKinds.Activities, TicketEmailChannelActor, P.ActivitiesCreate, "The email channel cannot log activities.", async (db, now) =>
        {
            var companyId = await db.Set<Contact>().Where(c => c.Id == contactId).Select(c => c.CompanyId).SingleOrDefaultAsync(cancellationToken);
            var activity = new Activity
            {
                Id = Guid.CreateVersion7(),
                Type = ActivityType.Email,
                ContactId = contactId,
                CompanyId = companyId,
                Subject = email.Subject.Length > 300 ? email.Subject[..300] : email.Subject,
                Body = body[..Math.Min(50_000, body.Length)],
                OccurredAt = email.SentAt,
                OwnerId = mailboxOwner ?? originalSender,
                IsPrivate = mailboxOwner is not null,
                CreatedAt = now,
            };
            return (activity, null);
        }, cancellationToken);
        return logged.Value is { } id && id != Guid.Empty ? id : null;
    }

    private static AccessContext TicketEmailChannelActor => Tickets.TicketEmailChannel.Channel;
}
