using CrmCdp.Web.Modules.Cdp.Segments;
using CrmCdp.Web.Platform.Charts;

namespace CrmCdp.UnitTests.Cdp;

public sealed class SegmentSummaryTests
{
    [Fact]
    public void A_definition_reads_as_a_sentence()
    {
        var browsers = Guid.CreateVersion7();
        var definition = SegmentCondition.All(
            SegmentCondition.Performed("Pricing Viewed", ConditionOperators.AtLeast, 3, 7),
            SegmentCondition.Trait("customer", ConditionOperators.IsFalse),
            SegmentCondition.Any(SegmentCondition.Trait("plan", ConditionOperators.OneOf, "pro, team"), SegmentCondition.InSegment(browsers)));

        var summary = SegmentSummary.Describe(definition, new Dictionary<Guid, string> { [browsers] = "Browsers" });

        Assert.Equal("People who did “Pricing Viewed” at least 3 times in the last 7 days and whose customer is false and (whose plan is one of pro, team or who are in “Browsers”)", summary);
    }

    [Fact]
    public void Not_performed_windows_and_property_filters_read_naturally()
    {
        var viewed = new SegmentCondition
        {
            Type = ConditionTypes.Event,
            Event = "Product Viewed",
            Operator = ConditionOperators.AtLeast,
            Count = 1,
            Within = new EventWindow { Amount = 1, Unit = EventWindow.Hours },
            Where = [new SegmentCondition { Field = "category", Operator = ConditionOperators.EqualTo, Value = "shoes" }, new SegmentCondition { Field = "price", Operator = ConditionOperators.GreaterThan, Value = "100" }],
        };
        var notOrdered = SegmentCondition.Performed("Order Completed", ConditionOperators.AtMost, 0, 30);

        Assert.Equal(
            "People who did “Product Viewed” where category is shoes and price is more than 100 in the last hour and who did not do “Order Completed” in the last 30 days",
            SegmentSummary.Describe(SegmentCondition.All(viewed, notOrdered)));
    }

    [Fact]
    public void First_and_last_occurrences_read_as_times()
    {
        var lapsed = SegmentCondition.Performed("Order Completed", ConditionOperators.LastBefore, 0, 30);
        var fresh = new SegmentCondition { Type = ConditionTypes.Event, Event = "Signed Up", Operator = ConditionOperators.FirstWithin, Within = new EventWindow { Amount = 1, Unit = EventWindow.Hours } };

        Assert.Equal("People whose last “Order Completed” was more than 30 days ago and whose first “Signed Up” was in the last 1 hour", SegmentSummary.Describe(SegmentCondition.All(lapsed, fresh)));
    }

    [Fact]
    public void Ever_and_dates_read_as_such()
    {
        var ever = new SegmentCondition { Type = ConditionTypes.Event, Event = "Signed Up", Operator = ConditionOperators.AtLeast, Count = 1, Ever = true };
        var november = new SegmentCondition { Type = ConditionTypes.Event, Event = "Order Completed", Operator = ConditionOperators.AtLeast, Count = 2, Between = new EventDates { From = "2026-11-01", To = "2026-12-01" } };

        Assert.Equal("People who did “Signed Up” ever or who did “Order Completed” at least 2 times from 2026-11-01 until 2026-12-01", SegmentSummary.Describe(SegmentCondition.Any(ever, november)));
    }

    [Fact]
    public void Rows_not_filled_in_yet_read_as_ellipses_and_negations_stay_explicit()
    {
        var summary = SegmentSummary.Describe(SegmentCondition.Not(SegmentCondition.All(new SegmentCondition { Type = ConditionTypes.Trait }, SegmentCondition.Computed("intent_score", "gte", "50"))));

        Assert.Equal("People who do not match (whose … … and whose intent_score is at least 50)", summary);
        Assert.Equal("People who are in “another segment”", SegmentSummary.Describe(SegmentCondition.InSegment(Guid.CreateVersion7())));
    }

    [Fact]
    public void A_sparkline_spans_its_box_from_the_lowest_value_at_the_bottom_to_the_highest_at_the_top()
    {
        Assert.Equal("1,23 48,1 95,12", SparklinePoints.Of([0, 10, 5], 96, 24));
        Assert.Equal("1,12 95,12", SparklinePoints.Of([7, 7], 96, 24));
        Assert.Equal("", SparklinePoints.Of([3], 96, 24));
    }

    [Theory]
    [InlineData("Browsed, did not buy!", "browsed--did-not-buy")]
    [InlineData("   ", "segment")]
    [InlineData("Ünïcode only", "n-code-only")]
    public void Exported_file_names_keep_only_safe_characters(string name, string slug) => Assert.Equal(slug, SegmentFiles.Slug(name));

    [Fact]
    public void A_file_without_a_definition_or_not_json_is_refused_with_a_reason()
    {
        Assert.Contains("no segment definition", SegmentFiles.Read("""{ "name": "x" }""").Error, StringComparison.Ordinal);
        Assert.Contains("not a segment definition", SegmentFiles.Read("{ nope").Error, StringComparison.Ordinal);
        var (input, error) = SegmentFiles.Read("""{ "name": "Pro", "definition": { "type": "trait", "field": "plan", "operator": "equals", "value": "pro" }, "activationEnabled": true }""");
        Assert.Null(error);
        Assert.Equal("Pro", input!.Name);
        Assert.False(input.ActivationEnabled);
    }
}
