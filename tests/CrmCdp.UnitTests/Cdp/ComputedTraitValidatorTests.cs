using CrmCdp.Web.Modules.Cdp.Segments;

namespace CrmCdp.UnitTests.Cdp;

public sealed class ComputedTraitValidatorTests
{
    private static ComputedTraitInput Aggregate(string kind, string? property = "price") =>
        new() { Key = "spend", Name = "Spend", Kind = kind, Event = "Order Completed", Property = property, Within = new EventWindow { Amount = 90, Unit = "days" } };

    [Theory]
    [InlineData("count")]
    [InlineData("sum")]
    [InlineData("avg")]
    [InlineData("min")]
    [InlineData("max")]
    [InlineData("first")]
    [InlineData("last")]
    [InlineData("most_frequent")]
    [InlineData("unique_count")]
    [InlineData("days_since_last")]
    public void Every_aggregate_kind_with_an_event_a_property_and_a_window_is_valid(string kind) =>
        Assert.Empty(ComputedTraitValidator.Validate(Aggregate(kind), creating: true));

    [Fact]
    public void A_score_with_filtered_decaying_rules_and_a_cap_is_valid()
    {
        var input = new ComputedTraitInput
        {
            Key = "intent_score",
            Name = "Intent",
            Kind = "score",
            WindowDays = 30,
            HalfLifeDays = 7,
            Cap = 100,
            Rules =
            [
                new("Pricing Viewed", 10),
                new("Product Viewed", 3, [SegmentCondition.Trait("price", "gt", "100")], 2),
                new("Product Viewed", 1),
            ],
        };

        Assert.Empty(ComputedTraitValidator.Validate(input, creating: true));
    }

    [Fact]
    public void Each_bad_field_is_named()
    {
        Assert.Equal(["kind"], ComputedTraitValidator.Validate(Aggregate("median"), true).Keys);
        Assert.Equal(["property"], ComputedTraitValidator.Validate(Aggregate("sum", property: null), true).Keys);
        Assert.Empty(ComputedTraitValidator.Validate(Aggregate("count", property: null), true));
        Assert.Equal(["event"], ComputedTraitValidator.Validate(Aggregate("count").With(i => i.Event = " "), true).Keys);

        var filtered = Aggregate("max").With(i => i.Where = [SegmentCondition.Trait("price", "sounds_like", "1")]);
        Assert.Equal(["where[0].operator"], ComputedTraitValidator.Validate(filtered, true).Keys);
        Assert.Equal(["within.amount"], ComputedTraitValidator.Validate(Aggregate("max").With(i => i.Within = new EventWindow { Amount = 0, Unit = "days" }), true).Keys);
        Assert.Equal(["within"], ComputedTraitValidator.Validate(Aggregate("max").With(i => i.WindowDays = 30), true).Keys);
        Assert.Equal(["cap"], ComputedTraitValidator.Validate(Aggregate("count").With(i => i.Cap = 10), true).Keys);
    }

    [Fact]
    public void Bad_score_rules_are_named_by_their_index()
    {
        var input = new ComputedTraitInput
        {
            Key = "intent_score",
            Name = "Intent",
            Kind = "score",
            Rules = [new("Pricing Viewed", 10, null, 0), new("Product Viewed", 1, [SegmentCondition.Trait("", "equals", "x")]), new("Pricing Viewed", 5)],
        };

        var errors = ComputedTraitValidator.Validate(input, creating: true);

        Assert.Equal(["rules[0].halfLifeDays", "rules[1].where[0].field", "rules[2].event"], errors.Keys.Order(StringComparer.Ordinal));
    }
}

internal static class ComputedTraitInputs
{
    public static ComputedTraitInput With(this ComputedTraitInput input, Action<ComputedTraitInput> change)
    {
        change(input);
        return input;
    }
}
