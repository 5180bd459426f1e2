using CrmCdp.Web.Modules.Crm.Pipeline;

namespace CrmCdp.UnitTests.Crm;

public sealed class DealMoveTests
{
    private static readonly Guid Qualified = Guid.NewGuid();
    private static readonly Guid Proposal = Guid.NewGuid();
    private static readonly Guid TooExpensive = Guid.NewGuid();
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static Deal OpenIn(Guid stage) => new() { StageId = stage, Outcome = DealOutcome.Open, Amount = 1000, StageEnteredAt = Monday };

    [Fact]
    public void Moving_to_another_stage_restarts_the_stage_clock_and_tells_where_it_was_and_for_how_long()
    {
        var deal = OpenIn(Qualified);

        var moved = deal.MoveTo(Proposal, DealOutcome.Open, null, null, Monday.AddHours(30));

        Assert.Equal(new DealTransition(Qualified, DealOutcome.Open, 30 * 3600), moved);
        Assert.Equal((Proposal, DealOutcome.Open, Monday.AddHours(30)), (deal.StageId, deal.Outcome, deal.StageEnteredAt));
        Assert.Null(deal.ClosedAt);
    }

    [Fact]
    public void Moving_where_the_deal_already_is_changes_nothing()
    {
        var deal = OpenIn(Qualified);

        Assert.Null(deal.MoveTo(Qualified, DealOutcome.Open, null, null, Monday.AddDays(1)));
        Assert.Equal(Monday, deal.StageEnteredAt);
    }

    [Fact]
    public void Winning_closes_at_the_final_amount_and_keeps_the_stage()
    {
        var deal = OpenIn(Proposal);

        deal.MoveTo(Qualified, DealOutcome.Won, 1250, TooExpensive, Monday.AddDays(2));

        Assert.Equal((Proposal, DealOutcome.Won, 1250m, Monday.AddDays(2)), (deal.StageId, deal.Outcome, deal.Amount, deal.ClosedAt));
        Assert.Null(deal.LostReasonId);
    }

    [Fact]
    public void Losing_records_the_reason_and_reopening_clears_the_close()
    {
        var deal = OpenIn(Proposal);

        deal.MoveTo(Proposal, DealOutcome.Lost, null, TooExpensive, Monday.AddDays(2));
        Assert.Equal((DealOutcome.Lost, TooExpensive, 1000m), (deal.Outcome, deal.LostReasonId, deal.Amount));

        var reopened = deal.MoveTo(Qualified, DealOutcome.Open, null, null, Monday.AddDays(3));

        Assert.Equal(DealOutcome.Lost, reopened!.FromOutcome);
        Assert.Equal((Qualified, DealOutcome.Open), (deal.StageId, deal.Outcome));
        Assert.Null(deal.ClosedAt);
        Assert.Null(deal.LostReasonId);
    }
}
