using CrmCdp.Web.Modules.Crm.Tickets;

namespace CrmCdp.UnitTests.Crm;

public sealed class TicketRulesTests
{
    private static readonly BusinessCalendar Calendar = new();
    private static readonly SlaPolicy Normal = new() { Priority = TicketPriority.Normal, FirstResponseMinutes = 480, ResolutionMinutes = 960 };

    private static DateTimeOffset Utc(int day, int hour) => new(2026, 11, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Waiting_for_the_customer_does_not_count_against_the_resolution_target()
    {
        var ticket = new Ticket { CreatedAt = Utc(23, 9), Status = TicketStatus.Open };
        ticket.StartSla(Normal, Calendar, Utc(23, 9));            // Monday 09:00 + 16 business hours → Tuesday 17:00
        var originalDue = ticket.ResolutionDueAt;

        ticket.ChangeStatus(TicketStatus.PendingCustomer, Calendar, Utc(23, 13));   // 12 h left
        ticket.ChangeStatus(TicketStatus.Open, Calendar, Utc(25, 9));               // back on Wednesday

        Assert.Equal(Utc(24, 17), originalDue);
        Assert.Equal(Utc(26, 13), ticket.ResolutionDueAt);             // Wednesday 09:00 + 12 h → Thursday 13:00
        Assert.Null(ticket.ResolutionMinutesLeftWhenPaused);
    }

    [Fact]
    public void Solving_stops_the_clock_and_reopening_restarts_it_and_a_reply_opens_a_new_ticket()
    {
        var ticket = new Ticket { CreatedAt = Utc(23, 9), Status = TicketStatus.New };
        ticket.StartSla(Normal, Calendar, Utc(23, 9));

        ticket.Respond(Utc(23, 10));
        ticket.Respond(Utc(23, 11));
        ticket.ChangeStatus(TicketStatus.Solved, Calendar, Utc(23, 12));
        var solvedAt = ticket.SolvedAt;
        ticket.ChangeStatus(TicketStatus.Open, Calendar, Utc(23, 14));

        Assert.Equal(Utc(23, 10), ticket.FirstRespondedAt);
        Assert.Equal(Utc(23, 12), solvedAt);
        Assert.Null(ticket.SolvedAt);
        Assert.Equal(TicketStatus.Open, ticket.Status);
    }

    [Fact]
    public void A_higher_priority_sets_targets_counted_from_the_opening()
    {
        var ticket = new Ticket { CreatedAt = Utc(23, 9) };
        ticket.StartSla(Normal, Calendar, Utc(23, 9));

        ticket.Reprioritize(new SlaPolicy { Priority = TicketPriority.Urgent, FirstResponseMinutes = 60, ResolutionMinutes = 240 }, Calendar);

        Assert.Equal(Utc(23, 10), ticket.FirstResponseDueAt);
        Assert.Equal(Utc(23, 13), ticket.ResolutionDueAt);
    }

    [Fact]
    public void The_first_public_reply_opens_a_new_ticket_and_stops_its_first_response_clock_once()
    {
        var ticket = new Ticket { CreatedAt = Utc(23, 9), Status = TicketStatus.New };

        ticket.Respond(Utc(23, 10));
        ticket.Respond(Utc(23, 11));

        Assert.Equal(TicketStatus.Open, ticket.Status);
        Assert.Equal(Utc(23, 10), ticket.FirstRespondedAt);
    }

    [Fact]
    public void Closing_stamps_when_it_was_solved_and_the_same_status_again_changes_nothing()
    {
        var ticket = new Ticket { CreatedAt = Utc(23, 9), Status = TicketStatus.Open };

        ticket.ChangeStatus(TicketStatus.Closed, Calendar, Utc(23, 12));
        ticket.ChangeStatus(TicketStatus.Closed, Calendar, Utc(23, 15));

        Assert.Equal(Utc(23, 12), ticket.SolvedAt);
    }
}
