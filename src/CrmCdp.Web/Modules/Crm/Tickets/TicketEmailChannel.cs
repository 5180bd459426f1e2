using System.Text.RegularExpressions;
using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Platform.Email;
using CrmCdp.Web.Platform.Email.Inbound;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Tickets;

/// <summary>
/// The helpdesk's email channel: a ticket's public replies go to the requester with the ticket's token in the subject
/// (<c>[#123]</c>) and threaded after the customer's last message, and the customer's answer comes back as a reply
/// that reopens a pending or solved ticket.
/// </summary>
internal sealed partial class TicketEmailChannel(IDbContextFactory<AppDbContext> dbFactory, EmailOutbox outbox, TimeProvider timeProvider)
{
    /// <summary>The system actor the email channel acts as.</summary>
    public static AccessContext Channel { get; } = AccessContext.System(
        "Email channel", P.TicketsCreate, P.TicketsRead, P.TicketsEdit, P.ContactsCreate, P.ContactsRead, P.ActivitiesCreate, P.ActivitiesRead);

    public static string Token(long number) => $"[#{number}]";

    /// <summary>The ticket an answer names: by the token in its subject, or by a reply of ours it answers (whose Message-ID carries the number).</summary>
    public static long? NumberIn(string subject, IEnumerable<string> answeredMessageIds) =>
        TokenPattern().Match(subject) is { Success: true } match && long.TryParse(match.Groups[1].Value, out var number) ? number
        : answeredMessageIds.Select(id => MessageIdPattern().Match(id)).FirstOrDefault(m => m.Success) is { } tagged && long.TryParse(tagged.Groups[1].Value, out var byHeader)
            ? byHeader : null;

    /// <summary>Adds the customer's answer to the ticket and reopens it when it waited on them or was solved.</summary>
    public async Task<bool> AddCustomerReplyAsync(AccessContext access, Guid ticketId, string body, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ticket = await TicketScope.Within(db, access, P.TicketsEdit).SingleOrDefaultAsync(t => t.Id == ticketId, cancellationToken);
        if (ticket is null)
        {
            return false;
        }

        var now = timeProvider.GetUtcNow();
        db.Add(new TicketReply { Id = Guid.CreateVersion7(), TicketId = ticketId, AuthorUserId = null, Body = body.Trim() is { Length: > 50_000 } longBody ? longBody[..50_000] : body.Trim(), CreatedAt = now });
        if (ticket.Status is TicketStatus.PendingCustomer or TicketStatus.Solved or TicketStatus.Closed)
        {
            var (_, calendar) = await TicketService.SlaAsync(db, cancellationToken);
            ticket.ChangeStatus(TicketStatus.Open, calendar, now);
        }

        ticket.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Queues a public reply to the requester, from the support mailbox the ticket came in through; false when the
    /// requester has no email address. The caller saves and then wakes the outbox.
    /// </summary>
    public async Task<bool> QueueReplyAsync(AppDbContext db, Ticket ticket, TicketReply reply, AccessContext agent, CancellationToken cancellationToken)
    {
        if (ticket.ContactId is not { } contactId
            || await db.Set<Contact>().Where(c => c.Id == contactId).Select(c => new { c.FirstName, c.LastName, c.Emails }).SingleOrDefaultAsync(cancellationToken) is not { } requester
            || requester.Emails.FirstOrDefault(EmailAddresses.IsMailbox) is not { } address)
        {
            return false;
        }

        var last = await db.Set<InboundEmail>().AsNoTracking().Where(e => e.TicketId == ticket.Id).OrderByDescending(e => e.SentAt)
            .Select(e => new { e.MessageId, e.References, e.MailboxId }).FirstOrDefaultAsync(cancellationToken);
        var supportAddress = last is null ? null
            : await db.Set<Mailbox>().Where(m => m.Id == last.MailboxId).Select(m => m.User).SingleOrDefaultAsync(cancellationToken);
        var replyTo = EmailAddresses.IsMailbox(supportAddress) ? supportAddress : null;
        var subject = ticket.Subject.Contains(Token(ticket.Number), StringComparison.Ordinal) ? $"Re: {ticket.Subject}" : $"Re: {ticket.Subject} {Token(ticket.Number)}";
        outbox.Add(db, new EmailDraft(EmailPurposes.Crm, $"\"{$"{requester.FirstName} {requester.LastName}".Trim().Replace("\"", "'", StringComparison.Ordinal)}\" <{address}>",
            subject, null, reply.Body)
        {
            From = replyTo,
            SenderName = agent.ActorName,
            ReplyTo = replyTo,
            SentByUserId = agent.UserId,
            ContactId = contactId,
            InReplyTo = last?.MessageId,
            References = last is null ? null : $"{last.References} <{last.MessageId}>".Trim(),
            MessageIdTag = $"ticket-{ticket.Number}",
        });
        return true;
    }

    [GeneratedRegex(@"\[#(\d{1,18})\]")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^ticket-(\d{1,18})\.")]
    private static partial Regex MessageIdPattern();
}
