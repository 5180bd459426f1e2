using CrmCdp.Tests.Shared;
using CrmCdp.Web.Modules.Cdp.Identity;

namespace CrmCdp.UnitTests.Cdp;

/// <summary>Random event streams over a small population, so identifiers collide often: the graph's invariants must hold after every event.</summary>
public sealed class IdentityGraphPropertyTests
{
    public static TheoryData<int> Seeds() => TestSeeds.For([.. Enumerable.Range(1, 40)]);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Invariants_hold_after_every_event_and_replaying_the_stream_changes_nothing(int seed)
    {
        var rules = new IdentityRules();
        var graph = new IdentityGraph(rules);
        var stream = IdentityStreams.Random(seed);
        foreach (var identifiers in stream)
        {
            var resolution = graph.Resolve(identifiers);

            foreach (var profile in graph.Profiles)
            {
                var held = graph.IdentifiersOf(profile);
                Assert.True(held.Count(i => i.Type == IdentifierTypes.UserId) <= 1, $"seed {seed}: two user_ids in one profile");
                Assert.True(held.Count(i => i.Type == IdentifierTypes.Email) <= 5, $"seed {seed}: more than 5 emails");
                Assert.All(held, i => Assert.Equal(profile, graph.ProfileOf(i)));
            }

            var all = graph.Profiles.SelectMany(graph.IdentifiersOf).ToList();
            Assert.Equal(all.Count, all.Distinct().Count());
            Assert.DoesNotContain(all, i => rules.IsBlocked(i.Value));
            if (resolution.ProfileId is { } resolved)
            {
                Assert.Contains(resolved, graph.Profiles);
            }
        }

        var before = IdentityStreams.Partition(graph);
        foreach (var identifiers in stream)
        {
            graph.Resolve(identifiers);
        }

        Assert.Equal(before, IdentityStreams.Partition(graph));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_same_stream_gives_the_same_graph_whatever_the_profile_ids(int seed)
    {
        var stream = IdentityStreams.Random(seed);
        var first = new IdentityGraph(new IdentityRules());
        var second = new IdentityGraph(new IdentityRules(), () => Guid.NewGuid());
        foreach (var identifiers in stream)
        {
            first.Resolve(identifiers);
            second.Resolve(identifiers);
        }

        Assert.Equal(IdentityStreams.Partition(first), IdentityStreams.Partition(second));
    }
}
