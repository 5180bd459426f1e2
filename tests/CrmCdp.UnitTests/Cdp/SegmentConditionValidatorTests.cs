using CrmCdp.Web.Modules.Cdp.Segments;

namespace CrmCdp.UnitTests.Cdp;

public sealed class SegmentConditionValidatorTests
{
    private static readonly Guid OtherSegment = Guid.CreateVersion7();

    private static Dictionary<string, string[]> Validate(SegmentCondition? tree) =>
        SegmentConditionValidator.Validate(tree, "definition", new HashSet<string> { "intent_score" }, new HashSet<Guid> { OtherSegment });

    [Fact]
    public void A_well_formed_tree_of_every_kind_has_no_errors()
    {
        var tree = SegmentCondition.All(
            SegmentCondition.Trait("address.city", "equals", "Berlin"),
            SegmentCondition.Trait("email", "exists"),
            SegmentCondition.Any(SegmentCondition.Performed("Pricing Viewed", "at_least", 3, 7), SegmentCondition.Performed("page", "exactly", 0, 30)),
            SegmentCondition.Not(SegmentCondition.InSegment(OtherSegment)),
            SegmentCondition.Computed("intent_score", "gte", "50"));

        Assert.Empty(Validate(tree));
    }

    [Fact]
    public void New_operators_windows_and_property_filters_check_their_values_by_node()
    {
        var filtered = SegmentCondition.Performed("Viewed", "at_least", 1, 7);
        filtered.Where = [new SegmentCondition { Field = "price", Operator = "between", Value = "20, 10" }, new SegmentCondition { Field = "", Operator = "is_true" }];
        var hours = SegmentCondition.Performed("Viewed", "at_least", 1, 7);
        (hours.WithinDays, hours.Within) = (null, new EventWindow { Amount = 9000, Unit = "hours" });
        var tree = SegmentCondition.All(
            SegmentCondition.Trait("plan", "one_of", " , "),
            SegmentCondition.Trait("seats", "between", "10"),
            SegmentCondition.Trait("beta", "is_false"),
            filtered,
            hours);

        Assert.Equal(
            new[]
            {
                "definition.conditions[0].value",
                "definition.conditions[1].value",
                "definition.conditions[3].where[0].value",
                "definition.conditions[3].where[1].field",
                "definition.conditions[4].within.amount",
            },
            Validate(tree).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_tree_at_all_is_named_at_the_root()
    {
        Assert.Equal(["definition"], Validate(null).Keys);
    }

    [Fact]
    public void Each_bad_node_is_named_by_its_json_path()
    {
        var tree = SegmentCondition.All(
            SegmentCondition.Trait("plan", "equals", "pro"),
            SegmentCondition.Trait("seats", "gt", "ten"),
            SegmentCondition.Any(SegmentCondition.Performed("", "at_least", -1, 0)),
            SegmentCondition.Not(SegmentCondition.Computed("no_such_trait", "is_true", "1")),
            SegmentCondition.InSegment(Guid.CreateVersion7()),
            new SegmentCondition { Type = "regex" },
            new SegmentCondition { Type = "or", Conditions = [] },
            SegmentCondition.Trait("a..b", "equals", "x"));

        var errors = Validate(tree);

        Assert.Equal(
            new[]
            {
                "definition.conditions[1].value",
                "definition.conditions[2].conditions[0].count",
                "definition.conditions[2].conditions[0].event",
                "definition.conditions[2].conditions[0].withinDays",
                "definition.conditions[3].condition.field",
                "definition.conditions[3].condition.operator",
                "definition.conditions[4].segmentId",
                "definition.conditions[5].type",
                "definition.conditions[6].conditions",
                "definition.conditions[7].field",
            },
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("needs a number", errors["definition.conditions[1].value"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Children_a_node_type_does_not_have_are_refused_not_ignored()
    {
        var leafWithChildren = SegmentCondition.Trait("plan", "exists");
        leafWithChildren.Conditions = [SegmentCondition.Performed("page", "at_least", 1, 7)];
        var groupWithNegation = SegmentCondition.All(SegmentCondition.Trait("plan", "exists"));
        groupWithNegation.Condition = SegmentCondition.Performed("page", "at_least", 1, 7);

        Assert.Equal(["definition.conditions[0]"], Validate(SegmentCondition.All(leafWithChildren)).Keys);
        Assert.Equal(["definition"], Validate(groupWithNegation).Keys);
        Assert.DoesNotContain(groupWithNegation.Walk(), n => n.Type == ConditionTypes.Event);
    }

    [Fact]
    public void Exists_needs_no_value_but_equals_does()
    {
        Assert.Empty(Validate(SegmentCondition.Trait("plan", "not_exists")));
        Assert.Equal(["definition.value"], Validate(SegmentCondition.Trait("plan", "equals")).Keys);
    }

    [Fact]
    public void Trees_deeper_or_larger_than_the_limits_are_refused()
    {
        var deep = SegmentCondition.Trait("plan", "exists");
        for (var i = 0; i < SegmentConditionValidator.MaxDepth; i++)
        {
            deep = SegmentCondition.Not(deep);
        }

        var wide = SegmentCondition.Any([.. Enumerable.Range(0, SegmentConditionValidator.MaxNodes).Select(_ => SegmentCondition.Trait("plan", "exists"))]);

        Assert.Contains(Validate(deep).Values.SelectMany(m => m), m => m.Contains("nest at most", StringComparison.Ordinal));
        Assert.Equal(["definition"], Validate(wide).Keys);
    }

    [Fact]
    public void First_and_last_occurrences_need_a_window_but_no_count()
    {
        Assert.Empty(Validate(new SegmentCondition { Type = ConditionTypes.Event, Event = "Order Completed", Operator = ConditionOperators.LastBefore, WithinDays = 30 }));
        Assert.Equal(["definition.withinDays"], Validate(new SegmentCondition { Type = ConditionTypes.Event, Event = "Signed Up", Operator = ConditionOperators.FirstWithin }).Keys);
        Assert.Equal(["definition.count"], Validate(new SegmentCondition { Type = ConditionTypes.Event, Event = "Signed Up", Operator = ConditionOperators.AtLeast, WithinDays = 7 }).Keys);
    }

    [Fact]
    public void Windows_between_dates_or_ever_are_checked_and_given_once()
    {
        SegmentCondition Viewed(Action<SegmentCondition> window)
        {
            var node = new SegmentCondition { Type = ConditionTypes.Event, Event = "Viewed", Operator = ConditionOperators.AtLeast, Count = 1 };
            window(node);
            return node;
        }

        Assert.Empty(Validate(Viewed(n => n.Ever = true)));
        Assert.Empty(Validate(Viewed(n => n.Between = new EventDates { From = "2026-11-01", To = "2026-12-01T12:00:00Z" })));
        Assert.Equal(["definition.between.from", "definition.between.to"], Validate(Viewed(n => n.Between = new EventDates { From = "1 Nov", To = null })).Keys.Order());
        Assert.Equal(["definition.between.to"], Validate(Viewed(n => n.Between = new EventDates { From = "2026-11-02", To = "2026-11-01" })).Keys);
        Assert.Equal(["definition.within"], Validate(Viewed(n => (n.Ever, n.WithinDays) = (true, 7))).Keys);
        Assert.Equal(["definition.ever"], Validate(Viewed(n => n.Ever = false)).Keys);
        Assert.Equal(["definition.ever"], Validate(Viewed(n => (n.Ever, n.Operator, n.Count) = (true, ConditionOperators.LastBefore, null))).Keys);
    }
}
