namespace CrmCdp.Web.Platform.Email.Inbound;

/// <summary>A stored message and the mailbox it was read from.</summary>
internal sealed record InboundContext(Mailbox Mailbox, InboundEmail Email);

/// <summary>
/// A module's use of fetched mail (the CRM logs it on timelines and turns support mail into tickets). A handler does its
/// work in its own unit of work and sets the links (contact, ticket, activity, note) on the email, which the fetcher saves.
/// </summary>
internal interface IInboundEmailHandler
{
    Task HandleAsync(InboundContext inbound, CancellationToken cancellationToken);
}
