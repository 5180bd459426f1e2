using System.Text.Json.Nodes;
using CrmCdp.Web.Modules.Cdp.Segments;

namespace CrmCdp.UnitTests.Cdp;

public sealed class SegmentEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Vip = Guid.CreateVersion7();

    private static readonly ProfileFacts Ada = new(
        JsonNode.Parse("""{ "plan": "Pro", "seats": 12, "seatsText": "12", "beta": true, "signup": "2026-11-20", "renewal": "2026-12-10T09:00:00+01:00", "bad": "2026-02-30", "address": { "city": "Berlin" }, "nothing": null, "tags": ["vip", "beta"] }""")!.AsObject(),
        [
            new("track", "Pricing Viewed", Now.AddDays(-1), JsonNode.Parse("""{ "plan": "pro", "price": 99 }""")!.AsObject()),
            new("track", "Pricing Viewed", Now.AddDays(-3), JsonNode.Parse("""{ "plan": "team", "price": 250 }""")!.AsObject()),
            new("track", "Pricing Viewed", Now.AddDays(-10)),
            new("page", "Home", Now.AddHours(-2)),
            new("track", "Pricing Viewed", Now.AddDays(1)),
        ],
        new Dictionary<string, JsonNode> { ["intent_score"] = 42, ["last_plan"] = "team" },
        new HashSet<Guid> { Vip });

    private static bool Matches(SegmentCondition condition) => SegmentEvaluator.Matches(condition, Ada, Now);

    [Theory]
    [InlineData("plan", "equals", "pro", true)]
    [InlineData("plan", "not_equals", "PRO", false)]
    [InlineData("plan", "contains", "r", true)]
    [InlineData("seats", "equals", "12.0", true)]
    [InlineData("seats", "gt", "11.5", true)]
    [InlineData("seats", "lte", "11", false)]
    [InlineData("seatsText", "gt", "1", false)]
    [InlineData("beta", "equals", "TRUE", true)]
    [InlineData("address.city", "equals", "berlin", true)]
    [InlineData("address", "equals", "Berlin", false)]
    [InlineData("missing", "not_equals", "x", true)]
    [InlineData("missing", "exists", null, false)]
    [InlineData("nothing", "not_exists", null, true)]
    [InlineData("tags.0", "equals", "VIP", true)]
    [InlineData("tags.-1", "equals", "beta", true)]
    [InlineData("tags.2", "exists", null, false)]
    [InlineData("tags", "contains", "VI", true)]
    [InlineData("tags", "contains", "gold", false)]
    [InlineData("plan", "starts_with", "PR", true)]
    [InlineData("plan", "ends_with", "O", true)]
    [InlineData("plan", "ends_with", "pr", false)]
    [InlineData("plan", "one_of", "free, pro", true)]
    [InlineData("seats", "one_of", "3, 12.0", true)]
    [InlineData("seatsText", "one_of", "12", true)]
    [InlineData("seats", "between", "10, 12", true)]
    [InlineData("seats", "between", "13, 20", false)]
    [InlineData("seatsText", "between", "10, 20", false)]
    [InlineData("beta", "is_true", null, true)]
    [InlineData("beta", "is_false", null, false)]
    [InlineData("plan", "is_true", null, false)]
    [InlineData("signup", "before", "2026-11-21", true)]
    [InlineData("signup", "before", "2026-11-20", false)]
    [InlineData("signup", "after", "2026-11-19T23:59:59Z", true)]
    [InlineData("signup", "within_last_days", "12", true)]
    [InlineData("signup", "within_last_days", "10", false)]
    [InlineData("renewal", "within_next_days", "9", true)]
    [InlineData("renewal", "within_last_days", "30", false)]
    [InlineData("bad", "before", "2030-01-01", false)]
    [InlineData("seats", "after", "1900-01-01", false)]
    public void Traits_compare_without_case_numbers_as_numbers_lists_by_their_items_and_missing_as_unset(string field, string op, string? value, bool expected)
    {
        Assert.Equal(expected, Matches(SegmentCondition.Trait(field, op, value)));
    }

    [Fact]
    public void Events_count_only_inside_the_window_that_ends_now()
    {
        Assert.True(Matches(SegmentCondition.Performed("Pricing Viewed", "exactly", 2, 7)));
        Assert.True(Matches(SegmentCondition.Performed("Pricing Viewed", "at_least", 3, 14)));
        Assert.False(Matches(SegmentCondition.Performed("Pricing Viewed", "at_most", 1, 7)));
        Assert.True(Matches(SegmentCondition.Performed("page", "exactly", 1, 1)));
        Assert.True(Matches(SegmentCondition.Performed("Home", "at_least", 1, 1)));
        Assert.True(Matches(SegmentCondition.Performed("Demo Requested", "exactly", 0, 30)));
    }

    [Theory]
    [InlineData("last_before", 2, false)] // the last view (a day ago; tomorrow's is not yet) is inside two days
    [InlineData("last_before", 0, true)] // …and before the last 12 hours (0 stands for 12 hours below)
    [InlineData("first_within", 7, false)] // the first view was ten days ago
    [InlineData("first_within", 14, true)]
    public void First_and_last_occurrences_look_at_all_history(string op, int days, bool expected)
    {
        var node = SegmentCondition.Performed("Pricing Viewed", op, 0, days);
        if (days == 0)
        {
            (node.WithinDays, node.Within) = (null, new EventWindow { Amount = 12, Unit = EventWindow.Hours });
        }

        Assert.Equal(expected, Matches(node));
        Assert.False(Matches(SegmentCondition.Performed("Demo Requested", op, 0, 30)), "an event that never happened has no first or last time");
    }

    [Fact]
    public void Ever_counts_all_history_and_dates_count_from_the_first_up_to_the_second()
    {
        Assert.True(Matches(new SegmentCondition { Type = ConditionTypes.Event, Event = "Pricing Viewed", Operator = ConditionOperators.Exactly, Count = 3, Ever = true }));
        var between = new SegmentCondition
        {
            Type = ConditionTypes.Event,
            Event = "Pricing Viewed",
            Operator = ConditionOperators.Exactly,
            Count = 1,
            Between = new EventDates { From = "2026-11-21T12:00:00Z", To = "2026-11-28T12:00:00+00:00" },
        };
        Assert.True(Matches(between), "the view ten days ago counts; the one at the end, three days ago, does not");
    }

    [Fact]
    public void Property_filters_and_windows_in_hours_narrow_which_events_count()
    {
        SegmentCondition Viewed(int count, params SegmentCondition[] where)
        {
            var node = SegmentCondition.Performed("Pricing Viewed", "exactly", count, 14);
            node.Where = [.. where];
            return node;
        }

        Assert.True(Matches(Viewed(1, new SegmentCondition { Field = "plan", Operator = "equals", Value = "PRO" })));
        Assert.True(Matches(Viewed(1, new SegmentCondition { Field = "price", Operator = "gt", Value = "100" })));
        Assert.True(Matches(Viewed(0, new SegmentCondition { Field = "plan", Operator = "equals", Value = "pro" }, new SegmentCondition { Field = "price", Operator = "gt", Value = "100" })));
        Assert.True(Matches(Viewed(2, new SegmentCondition { Field = "plan", Operator = "exists" })));
        var lastDay = SegmentCondition.Performed("Pricing Viewed", "exactly", 1, 1);
        (lastDay.WithinDays, lastDay.Within) = (null, new EventWindow { Amount = 25, Unit = EventWindow.Hours });
        Assert.True(Matches(lastDay));
        lastDay.Within = new EventWindow { Amount = 90, Unit = EventWindow.Minutes };
        Assert.True(Matches(SegmentCondition.Not(lastDay)));
    }

    [Fact]
    public void Not_is_the_exact_complement_and_groups_combine()
    {
        var proInBerlin = SegmentCondition.All(SegmentCondition.Trait("plan", "equals", "pro"), SegmentCondition.Trait("address.city", "equals", "Lisbon"));
        Assert.False(Matches(proInBerlin));
        Assert.True(Matches(SegmentCondition.Not(proInBerlin)));
        Assert.True(Matches(SegmentCondition.Any(proInBerlin, SegmentCondition.InSegment(Vip))));
        Assert.False(Matches(SegmentCondition.Not(SegmentCondition.Trait("missing", "not_equals", "x"))));
    }

    [Fact]
    public void Computed_traits_compare_as_numbers_and_unknown_ones_are_zero()
    {
        Assert.True(Matches(SegmentCondition.Computed("intent_score", "gte", "42")));
        Assert.False(Matches(SegmentCondition.Computed("intent_score", "gt", "42")));
        Assert.True(Matches(SegmentCondition.Computed("churn_risk", "equals", "0")));
    }

    [Fact]
    public void Text_computed_traits_compare_as_text()
    {
        Assert.True(Matches(SegmentCondition.Computed("last_plan", "equals", "TEAM")));
        Assert.True(Matches(SegmentCondition.Computed("last_plan", "one_of", "pro, team")));
        Assert.False(Matches(SegmentCondition.Computed("last_plan", "starts_with", "pro")));
        Assert.False(Matches(SegmentCondition.Computed("last_plan", "gt", "1")));
    }

    [Fact]
    public void Segments_are_refreshed_after_the_segments_they_name()
    {
        var (a, b, c, d) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var order = SegmentRefresher.DependencyOrder(new Dictionary<Guid, List<Guid>> { [a] = [c], [b] = [], [c] = [b, Guid.CreateVersion7()], [d] = [a] }).ToList();

        Assert.Equal(4, order.Count);
        Assert.True(order.IndexOf(b) < order.IndexOf(c));
        Assert.True(order.IndexOf(c) < order.IndexOf(a));
        Assert.True(order.IndexOf(a) < order.IndexOf(d));
    }

    [Fact]
    public void Definitions_round_trip_as_camel_case_json_without_nulls()
    {
        var tree = SegmentCondition.All(SegmentCondition.Performed("Pricing Viewed", "at_least", 3, 7), SegmentCondition.Not(SegmentCondition.InSegment(Vip)));

        var json = SegmentDefinitions.Serialize(tree);

        Assert.Equal($$$"""{"type":"and","conditions":[{"type":"event","operator":"at_least","event":"Pricing Viewed","count":3,"withinDays":7},{"type":"not","condition":{"type":"segment","segmentId":"{{{Vip}}}"}}]}""", json);
        Assert.Equal(json, SegmentDefinitions.Serialize(SegmentDefinitions.Parse(json)));
        Assert.Equal([Vip], SegmentDefinitions.ReferencedSegments(tree));
    }
}
