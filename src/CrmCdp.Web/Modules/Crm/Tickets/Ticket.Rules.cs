namespace CrmCdp.Web.Modules.Crm.Tickets;

/// <summary>
/// A ticket's state rules and SLA clock: targets from its priority's policy in business time; the first response stops
/// at the first public reply; "pending customer" pauses the resolution clock and resuming restarts it with the time that
/// was left; solving stamps when, reopening clears it.
/// </summary>
internal sealed partial class Ticket
{
    public void StartSla(SlaPolicy policy, BusinessCalendar calendar, DateTimeOffset now)
    {
        FirstResponseDueAt = calendar.AddBusinessMinutes(now, policy.FirstResponseMinutes);
        ResolutionDueAt = calendar.AddBusinessMinutes(now, policy.ResolutionMinutes);
    }

    /// <summary>A new priority sets new targets, counted from when the ticket was opened.</summary>
    public void Reprioritize(SlaPolicy policy, BusinessCalendar calendar)
    {
        Priority = policy.Priority;
        FirstResponseDueAt = calendar.AddBusinessMinutes(CreatedAt, policy.FirstResponseMinutes);
        if (ResolutionDueAt is not null)
        {
            ResolutionDueAt = calendar.AddBusinessMinutes(CreatedAt, policy.ResolutionMinutes);
        }
    }

    public void ChangeStatus(TicketStatus status, BusinessCalendar calendar, DateTimeOffset now)
    {
        var was = Status;
        if (was == status)
        {
            return;
        }

        if (status == TicketStatus.PendingCustomer && ResolutionDueAt is { } due)
        {
            ResolutionMinutesLeftWhenPaused = calendar.BusinessMinutesBetween(now, due);
            ResolutionDueAt = null;
        }
        else if (was == TicketStatus.PendingCustomer && ResolutionMinutesLeftWhenPaused is { } left)
        {
            ResolutionDueAt = calendar.AddBusinessMinutes(now, left);
            ResolutionMinutesLeftWhenPaused = null;
        }

        if (status is TicketStatus.Solved or TicketStatus.Closed)
        {
            SolvedAt ??= now;
        }
        else if (was is TicketStatus.Solved or TicketStatus.Closed)
        {
            SolvedAt = null;
        }

        Status = status;
    }

    /// <summary>A public reply: the first one stops the first-response clock, and a new ticket becomes open.</summary>
    public void Respond(DateTimeOffset now)
    {
        FirstRespondedAt ??= now;
        if (Status == TicketStatus.New)
        {
            Status = TicketStatus.Open;
        }
    }
}
