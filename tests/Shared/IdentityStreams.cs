using CrmCdp.Web.Modules.Cdp.Identity;

namespace CrmCdp.Tests.Shared;

/// <summary>Random event streams over a small population (so identifiers collide often), shared by the unit and integration tests.</summary>
internal static class IdentityStreams
{
    public static List<Identifier[]> Random(int seed, int events = 400)
    {
        var random = new System.Random(seed);
        var stream = new List<Identifier[]>();
        for (var i = 0; i < events; i++)
        {
            var ids = new List<Identifier>();
            if (random.NextDouble() < 0.5)
            {
                ids.Add(new Identifier(IdentifierTypes.UserId, random.NextDouble() < 0.05 ? "undefined" : $"u{random.Next(12)}"));
            }

            if (random.NextDouble() < 0.8 || ids.Count == 0)
            {
                ids.Add(new Identifier(IdentifierTypes.AnonymousId, $"a{random.Next(25)}"));
            }

            if (random.NextDouble() < 0.3)
            {
                ids.Add(new Identifier(IdentifierTypes.Email, $"e{random.Next(15)}@x.io"));
            }

            if (random.NextDouble() < 0.1)
            {
                ids.Add(new Identifier("device_id", $"d{random.Next(6)}"));
            }

            stream.Add([.. ids]);
        }

        return stream;
    }

    /// <summary>A graph as a partition: each profile's identifiers, independent of profile ids.</summary>
    public static HashSet<string> Partition(IEnumerable<IEnumerable<Identifier>> profiles) =>
        [.. profiles.Select(p => string.Join("|", p.Select(i => i.ToString()).Order(StringComparer.Ordinal)))];

    public static HashSet<string> Partition(IdentityGraph graph) => Partition(graph.Profiles.Select(graph.IdentifiersOf));
}
