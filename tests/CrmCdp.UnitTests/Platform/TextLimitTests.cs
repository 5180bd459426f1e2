using CrmCdp.Web.Platform.Text;

namespace CrmCdp.UnitTests.Platform;

public sealed class TextLimitTests
{
    [Fact]
    public void Long_titles_are_cut_at_a_whole_character_never_half_an_emoji()
    {
        var title = new string('a', 299) + "😀 and more";

        var shortened = TextLimit.Shorten(title, 300);

        Assert.Equal(new string('a', 299), shortened);
        Assert.Equal("short", TextLimit.Shorten("short", 300));
        Assert.Equal(300, TextLimit.Shorten(new string('b', 400), 300).Length);
    }
}
