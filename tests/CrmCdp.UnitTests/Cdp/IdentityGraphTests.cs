using CrmCdp.Web.Modules.Cdp.Identity;

namespace CrmCdp.UnitTests.Cdp;

public sealed class IdentityGraphTests
{
    private readonly IdentityGraph _graph = new(new IdentityRules());

    private static Identifier User(string value) => new(IdentifierTypes.UserId, value);

    private static Identifier Anonymous(string value) => new(IdentifierTypes.AnonymousId, value);

    private static Identifier Email(string value) => new(IdentifierTypes.Email, value);

    private Guid Resolve(params Identifier[] identifiers) => _graph.Resolve(identifiers).ProfileId!.Value;

    [Fact]
    public void Anonymous_visits_then_sign_up_then_a_second_device_then_login_make_one_profile()
    {
        var laptop = Resolve(Anonymous("a-laptop"));
        Assert.Equal(laptop, Resolve(Anonymous("a-laptop")));
        Assert.Equal(laptop, Resolve(Anonymous("a-laptop"), User("u-1"), Email("ada@example.com")));

        var phone = Resolve(Anonymous("a-phone"));
        Assert.NotEqual(laptop, phone);
        var login = _graph.Resolve([Anonymous("a-phone"), User("u-1")]);

        Assert.Equal(laptop, login.ProfileId);
        var merge = Assert.Single(login.Merges);
        Assert.Equal((laptop, phone), (merge.Survivor, merge.Merged));
        Assert.Equal(Anonymous("a-phone"), merge.Via);
        Assert.Equal(User("u-1"), merge.Anchor);
        Assert.Equivalent(new[] { Anonymous("a-laptop"), Anonymous("a-phone"), User("u-1"), Email("ada@example.com") }, _graph.IdentifiersOf(laptop));
        Assert.DoesNotContain(phone, _graph.Profiles);
    }

    [Fact]
    public void Two_users_on_one_shared_device_stay_two_profiles()
    {
        var first = Resolve(Anonymous("kiosk"), User("alice"));
        var second = _graph.Resolve([Anonymous("kiosk"), User("bob")]);

        Assert.NotEqual(first, second.ProfileId);
        Assert.Equal(first, _graph.ProfileOf(Anonymous("kiosk")));
        Assert.Equal([User("bob")], _graph.IdentifiersOf(second.ProfileId!.Value));
        Assert.Contains(second.Dropped, d => d.Identifier == Anonymous("kiosk") && d.Reason.Contains("user_id", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_profiles_with_different_user_ids_are_never_merged_even_through_an_email()
    {
        var alice = Resolve(User("alice"), Email("shared@example.com"));
        var bob = Resolve(User("bob"));
        var resolution = _graph.Resolve([User("bob"), Email("shared@example.com")]);

        Assert.Equal(bob, resolution.ProfileId);
        Assert.Empty(resolution.Merges);
        Assert.Equal(alice, _graph.ProfileOf(Email("shared@example.com")));
    }

    [Fact]
    public void The_safeguard_holds_even_when_an_admin_allows_several_user_ids_per_profile()
    {
        var graph = new IdentityGraph(new IdentityRules(limits: new Dictionary<string, int> { [IdentifierTypes.UserId] = 3 }));
        var alice = graph.Resolve([User("alice"), Anonymous("x")]).ProfileId;
        var bob = graph.Resolve([User("bob")]).ProfileId;

        var both = graph.Resolve([User("bob"), Anonymous("x")]);

        Assert.Equal(bob, both.ProfileId);
        Assert.NotEqual(alice, bob);
        Assert.Contains(both.Dropped, d => d.Reason.Contains("different user_ids", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("undefined")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("anonymous")]
    [InlineData("[object Object]")]
    [InlineData("   ")]
    public void Blocked_values_are_never_used_for_matching(string value)
    {
        var first = Resolve(User(value), Anonymous("a-1"));
        var second = Resolve(User(value), Anonymous("a-2"));

        Assert.NotEqual(first, second);
        Assert.Null(_graph.ProfileOf(User(value)));
    }

    [Fact]
    public void An_event_with_only_blocked_identifiers_has_no_profile()
    {
        var resolution = _graph.Resolve([User("undefined"), Anonymous("null")]);

        Assert.Null(resolution.ProfileId);
        Assert.Equal(2, resolution.Dropped.Count);
    }

    [Fact]
    public void A_qa_id_shared_by_many_testers_is_blocked_by_a_configured_pattern()
    {
        var graph = new IdentityGraph(new IdentityRules(blockedPatterns: ["^qa-.*@example\\.com$"]));
        var tester1 = graph.Resolve([Email("qa-team@example.com"), User("t1")]).ProfileId;
        var tester2 = graph.Resolve([Email("qa-team@example.com"), User("t2")]).ProfileId;

        Assert.NotEqual(tester1, tester2);
        Assert.Null(graph.ProfileOf(Email("qa-team@example.com")));
    }

    [Fact]
    public void Alias_chains_link_every_previous_id_into_one_profile()
    {
        var profile = Resolve(Anonymous("a-0"));
        Assert.Equal(profile, Resolve(Anonymous("a-0"), Anonymous("a-1")));
        Assert.Equal(profile, Resolve(Anonymous("a-1"), Anonymous("a-2")));
        Assert.Equal(profile, Resolve(Anonymous("a-2"), User("final")));

        Assert.Equal(4, _graph.IdentifiersOf(profile).Count);
    }

    [Fact]
    public void An_identify_arriving_after_the_tracks_of_its_anonymous_id_joins_that_profile()
    {
        var tracks = Resolve(Anonymous("late"));
        Resolve(Anonymous("late"));

        Assert.Equal(tracks, Resolve(Anonymous("late"), User("u-late")));
        Assert.Equal(tracks, _graph.ProfileOf(User("u-late")));
    }

    [Fact]
    public void A_sixth_email_is_dropped_and_the_event_still_resolves()
    {
        var profile = Resolve(User("u"), Email("1@x.io"), Email("2@x.io"), Email("3@x.io"), Email("4@x.io"), Email("5@x.io"));
        var resolution = _graph.Resolve([User("u"), Email("6@x.io")]);

        Assert.Equal(profile, resolution.ProfileId);
        Assert.Null(_graph.ProfileOf(Email("6@x.io")));
        Assert.Contains(resolution.Dropped, d => d.Identifier == Email("6@x.io") && d.Reason.Contains("at most 5 email", StringComparison.Ordinal));
    }

    [Fact]
    public void A_split_moves_the_chosen_identifiers_to_a_new_profile()
    {
        var merged = Resolve(Anonymous("shared-tablet"), Email("dad@example.com"));
        Resolve(Anonymous("shared-tablet"), Email("kid@example.com"));

        var split = _graph.Split(merged, [Email("kid@example.com")]);

        Assert.Equal([Email("kid@example.com")], _graph.IdentifiersOf(split));
        Assert.Equal(merged, _graph.ProfileOf(Email("dad@example.com")));
        Assert.Equal(split, _graph.ProfileOf(Email("kid@example.com")));
    }

    [Fact]
    public void Custom_id_types_rank_just_above_anonymous_ids()
    {
        var rules = new IdentityRules();

        Assert.True(rules.Rank(IdentifierTypes.Phone) < rules.Rank("device_id"));
        Assert.True(rules.Rank("device_id") < rules.Rank(IdentifierTypes.AnonymousId));
    }
}
