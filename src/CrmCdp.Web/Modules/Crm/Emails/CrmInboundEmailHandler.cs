using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Modules.Crm.Tickets;
using CrmCdp.Web.Platform.Email;
using CrmCdp.Web.Platform.Email.Inbound;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Emails;

/// <summary>
/// What the CRM does with fetched mail: an answer carrying a ticket's token (from the ticket's requester) becomes a
/// customer reply; other mail to a support mailbox opens a ticket; mail from or answering a known contact is logged on
/// its timeline, threaded under the email it answers. Automatic mail starts nothing.
/// </summary>
[SystemAccess("Mail arrives from outside; it acts as the email channel, whose AccessContext names exactly what it may do.")]
internal sealed class CrmInboundEmailHandler(
    IDbContextFactory<AppDbContext> dbFactory, TicketService tickets, TicketEmailChannel channel, ContactQueries contacts, InboundEmailTimeline timeline)
    : IInboundEmailHandler
{
    /// <summary>The note on mail from an address no contact has (the unknown senders list offers to make the contact).</summary>
    public const string UnknownSenderNote = "No contact has this sender's address.";

    private static AccessContext Channel => TicketEmailChannel.Channel;

    public async Task HandleAsync(InboundContext inbound, CancellationToken cancellationToken)
    {
        var email = inbound.Email;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var answered = InboundEmailReader.Answered(email);
        var original = answered.Count == 0 ? null
            : await db.Set<OutboundEmail>().AsNoTracking().Where(o => answered.Contains(o.MessageId)).OrderByDescending(o => o.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        // A References header is easy to forge: an answer counts only from someone the original was sent to.
        if (original is not null && !WasSentTo(original, email.FromAddress))
        {
            original = null;
        }

        email.RepliesToEmailId = original?.Id;
        if (email.IsAutomatic)
        {
            email.Note = "Automatic mail (an auto-reply or bulk mail): nothing started.";
            return;
        }

        if (await RequestersTicketAsync(db, email, cancellationToken) is { } ticket)
        {
            await channel.AddCustomerReplyAsync(Channel, ticket.Id, email.Text ?? "", cancellationToken);
            (email.TicketId, email.ContactId, email.Note) = (ticket.Id, ticket.ContactId, $"Added to ticket #{ticket.Number} as the customer's reply.");
            return;
        }

        if (inbound.Mailbox.IsSupport)
        {
            var opened = await tickets.CreateAsync(Channel, new TicketInput
            {
                Subject = string.IsNullOrWhiteSpace(email.Subject) ? "(no subject)" : email.Subject[..Math.Min(email.Subject.Length, 300)],
                Description = string.IsNullOrWhiteSpace(email.Text) ? "(no text)" : email.Text,
                RequesterEmail = email.FromAddress,
                Channel = "email",
            }, cancellationToken);
            (email.TicketId, email.ContactId, email.Note) = opened.Value is { } dto
                ? ((Guid?)dto.Id, dto.ContactId, $"Opened ticket #{dto.Number}.")
                : (null, null, $"No ticket: {opened.Message ?? string.Join(" ", opened.Errors?.Values.SelectMany(m => m) ?? [])}");
            return;
        }

        await LogOnTimelineAsync(inbound, original, cancellationToken);
    }

    private static bool WasSentTo(OutboundEmail original, string address) =>
        !string.IsNullOrEmpty(address) && new[] { original.To, original.Cc }.Any(list => !string.IsNullOrEmpty(list) && MimeKit.InternetAddressList.TryParse(list, out var parsed)
            && parsed.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The ticket named by the subject's token or by the reply it answers, when the sender is its requester (a token alone proves nothing).</summary>
    private static async Task<Ticket?> RequestersTicketAsync(AppDbContext db, InboundEmail email, CancellationToken cancellationToken)
    {
        if (TicketEmailChannel.NumberIn(email.Subject, InboundEmailReader.Answered(email)) is not { } number)
        {
            return null;
        }

        var ticket = await db.Set<Ticket>().AsNoTracking().SingleOrDefaultAsync(t => t.Number == number, cancellationToken);
        if (ticket?.ContactId is not { } contactId)
        {
            return null;
        }

        var addresses = await db.Set<Contact>().Where(c => c.Id == contactId).Select(c => c.Emails).SingleOrDefaultAsync(cancellationToken) ?? [];
        return addresses.Any(a => string.Equals(a, email.FromAddress, StringComparison.OrdinalIgnoreCase)) ? ticket : null;
    }

    private async Task LogOnTimelineAsync(InboundContext inbound, OutboundEmail? original, CancellationToken cancellationToken)
    {
        var email = inbound.Email;
        var contactId = original?.ContactId ?? await contacts.FindIdByEmailAsync(Channel, P.ContactsRead, email.FromAddress, cancellationToken);
        if (contactId is null)
        {
            email.Note = UnknownSenderNote;
            return;
        }

        var logged = await timeline.LogAsync(email, inbound.Mailbox.OwnerUserId, contactId.Value, original?.SentByUserId, cancellationToken);
        (email.ContactId, email.ActivityId, email.Note) = (contactId, logged, original is null ? "Logged on the contact's timeline." : "Logged on the contact's timeline as a reply.");
    }
}
