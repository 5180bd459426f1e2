using CrmCdp.Web.Modules.Crm.Activities;

namespace CrmCdp.UnitTests.Crm;

public sealed class MentionTests
{
    private static readonly Guid Dana = Guid.NewGuid();
    private static readonly Guid Dan = Guid.NewGuid();

    private static readonly Mentionable[] Colleagues =
    [
        new(Dana, "Dana Smith", "dana@example.com"),
        new(Dan, "", "dan@example.com"),
    ];

    [Theory]
    [InlineData("@Dana Smith please call", true, false)]
    [InlineData("ping @dana", true, false)]
    [InlineData("(@DANA) and @dan.", true, true)]
    [InlineData("@dana@example.com knows", true, false)]
    [InlineData("mail x@dana.com or @danaX", false, false)]
    [InlineData("write to dan@example.com", false, false)]
    [InlineData("no mention at all", false, false)]
    public void A_mention_is_a_name_or_email_after_an_at_sign_and_ends_where_the_name_ends(string text, bool danaMentioned, bool danMentioned)
    {
        var mentioned = Mentions.In(text, Colleagues);

        Assert.Equal(danaMentioned, mentioned.Contains(Dana));
        Assert.Equal(danMentioned, mentioned.Contains(Dan));
    }
}
