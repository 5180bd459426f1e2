using CrmCdp.Web.Modules.Crm.Tasks;

namespace CrmCdp.UnitTests.Crm;

public sealed class SalesTaskTextTests
{
    [Fact]
    public void Long_titles_are_cut_at_a_whole_character_never_half_an_emoji()
    {
        var title = new string('a', 299) + "😀 and more";

        var shortened = SalesTasksForCdp.Shorten(title, 300);

        Assert.Equal(new string('a', 299), shortened);
        Assert.Equal("short", SalesTasksForCdp.Shorten("short", 300));
        Assert.Equal(300, SalesTasksForCdp.Shorten(new string('b', 400), 300).Length);
    }
}
