namespace CrmCdp.Web.Modules.Crm.Tickets;

/// <summary>
/// The SLA rules of a ticket: targets from its priority's policy in business time; the first response stops at the
/// first public reply; "pending customer" pauses the resolution clock and resuming restarts it with the time that was left.
/// </summary>
internal static class SlaClock
{
    public static void Start(Ticket ticket, SlaPolicy policy, BusinessCalendar calendar, DateTimeOffset now)
    {
        ticket.FirstResponseDueAt = calendar.AddBusinessMinutes(now, policy.FirstResponseMinutes);
        ticket.ResolutionDueAt = calendar.AddBusinessMinutes(now, policy.ResolutionMinutes);
    }

    /// <summary>A new priority sets new targets, counted from when the ticket was opened.</summary>
    public static void Reprioritize(Ticket ticket, SlaPolicy policy, BusinessCalendar calendar)
    {
        ticket.FirstResponseDueAt = calendar.AddBusinessMinutes(ticket.CreatedAt, policy.FirstResponseMinutes);
        if (ticket.ResolutionDueAt is not null)
        {
            ticket.ResolutionDueAt = calendar.AddBusinessMinutes(ticket.CreatedAt, policy.ResolutionMinutes);
        }
    }

    public static void ChangeStatus(Ticket ticket, TicketStatus status, BusinessCalendar calendar, DateTimeOffset now)
    {
        var was = ticket.Status;
        if (was == status)
        {
            return;
        }

        if (status == TicketStatus.PendingCustomer && ticket.ResolutionDueAt is { } due)
        {
            ticket.ResolutionMinutesLeftWhenPaused = calendar.BusinessMinutesBetween(now, due);
            ticket.ResolutionDueAt = null;
        }
        else if (was == TicketStatus.PendingCustomer && ticket.ResolutionMinutesLeftWhenPaused is { } left)
        {
            ticket.ResolutionDueAt = calendar.AddBusinessMinutes(now, left);
            ticket.ResolutionMinutesLeftWhenPaused = null;
        }

        if (status is TicketStatus.Solved or TicketStatus.Closed)
        {
            ticket.SolvedAt ??= now;
        }
        else if (was is TicketStatus.Solved or TicketStatus.Closed)
        {
            ticket.SolvedAt = null;
        }

        ticket.Status = status;
    }

    public static void Responded(Ticket ticket, DateTimeOffset now)
    {
        ticket.FirstRespondedAt ??= now;
        if (ticket.Status == TicketStatus.New)
        {
            ticket.Status = TicketStatus.Open;
        }
    }
}
