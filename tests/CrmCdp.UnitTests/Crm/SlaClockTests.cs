using CrmCdp.Web.Modules.Crm.Tickets;

namespace CrmCdp.UnitTests.Crm;

public sealed class SlaClockTests
{
    private static readonly BusinessCalendar Calendar = new();
    private static readonly SlaPolicy Normal = new() { Priority = TicketPriority.Normal, FirstResponseMinutes = 480, ResolutionMinutes = 960 };

    private static DateTimeOffset Utc(int day, int hour) => new(2026, 11, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Waiting_for_the_customer_does_not_count_against_the_resolution_target()
    {
        var ticket = new Ticket { CreatedAt = Utc(23, 9), Status = TicketStatus.Open };
        SlaClock.Start(ticket, Normal, Calendar, Utc(23, 9));            // Monday 09:00 + 16 business hours → Tuesday 17:00
        var originalDue = ticket.ResolutionDueAt;

        SlaClock.ChangeStatus(ticket, TicketStatus.PendingCustomer, Calendar, Utc(23, 13));   // 12 h left
        SlaClock.ChangeStatus(ticket, TicketStatus.Open, Calendar, Utc(25, 9));               // back on Wednesday

        Assert.Equal(Utc(24, 17), originalDue);
        Assert.Equal(Utc(26, 13), ticket.ResolutionDueAt);             // Wednesday 09:00 + 12 h → Thursday 13:00
        Assert.Null(ticket.ResolutionMinutesLeftWhenPaused);
    }

    [Fact]
    public void Solving_stops_the_clock_and_reopening_restarts_it_and_a_reply_opens_a_new_ticket()
    {
        var ticket = new Ticket { CreatedAt = Utc(23, 9), Status = TicketStatus.New };
        SlaClock.Start(ticket, Normal, Calendar, Utc(23, 9));

        SlaClock.Responded(ticket, Utc(23, 10));
        SlaClock.Responded(ticket, Utc(23, 11));
        SlaClock.ChangeStatus(ticket, TicketStatus.Solved, Calendar, Utc(23, 12));
        var solvedAt = ticket.SolvedAt;
        SlaClock.ChangeStatus(ticket, TicketStatus.Open, Calendar, Utc(23, 14));

        Assert.Equal(Utc(23, 10), ticket.FirstRespondedAt);
        Assert.Equal(Utc(23, 12), solvedAt);
        Assert.Null(ticket.SolvedAt);
        Assert.Equal(TicketStatus.Open, ticket.Status);
    }

    [Fact]
    public void A_higher_priority_sets_targets_counted_from_the_opening()
    {
        var ticket = new Ticket { CreatedAt = Utc(23, 9) };
        SlaClock.Start(ticket, Normal, Calendar, Utc(23, 9));

        SlaClock.Reprioritize(ticket, new SlaPolicy { Priority = TicketPriority.Urgent, FirstResponseMinutes = 60, ResolutionMinutes = 240 }, Calendar);

        Assert.Equal(Utc(23, 10), ticket.FirstResponseDueAt);
        Assert.Equal(Utc(23, 13), ticket.ResolutionDueAt);
    }
}
