using CrmCdp.Web.Modules.Cdp.Segments;

namespace CrmCdp.UnitTests.Cdp;

public sealed class BlankRowsTests
{
    [Fact]
    public void Blank_rows_are_left_out_and_errors_point_back_at_the_rows_shown()
    {
        var shown = SegmentCondition.All(
            SegmentCondition.Trait("", "equals"),
            SegmentCondition.Trait("plan", "equals", "pro"),
            SegmentCondition.Any(SegmentCondition.Performed("", "atLeast", 1, 7), SegmentCondition.Performed("Checkout", "atLeast", 0, 7)));

        var (pruned, pathBack) = BlankRows.Prune(shown);

        Assert.Equal(2, pruned.Conditions!.Count);
        Assert.Equal("plan", pruned.Conditions[0].Field);
        Assert.Equal("Checkout", Assert.Single(pruned.Conditions[1].Conditions!).Event);
        Assert.Equal("definition.conditions[2].conditions[1].count", pathBack("definition.conditions[1].conditions[0].count"));
        Assert.Equal("definition.conditions[1].value", pathBack("definition.conditions[0].value"));
        Assert.Equal(3, shown.Conditions!.Count);
    }

    [Fact]
    public void A_tree_of_only_blank_rows_stays_so_its_first_row_says_what_is_missing()
    {
        var shown = SegmentCondition.All(SegmentCondition.Trait("", "equals"));

        var (pruned, pathBack) = BlankRows.Prune(shown);

        Assert.Single(pruned.Conditions!);
        Assert.Equal("definition.conditions[0].field", pathBack("definition.conditions[0].field"));
    }
}
