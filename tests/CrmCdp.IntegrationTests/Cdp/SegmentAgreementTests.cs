using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.Tests.Shared;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Cdp.Segments;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CrmCdp.IntegrationTests.Cdp;

/// <summary>
/// The SQL the refresh runs and the in-memory evaluator must mean the same thing: random trees over profiles with
/// random (and oddly typed) traits and events are answered by both and compared.
/// </summary>
[Collection(SharedAppGroup.Name)]
public sealed class SegmentAgreementTests(SharedApp app)
{
    private const int Profiles = 24;
    private const int Trees = 300;
    private const string TextTrait = "agree_category";
    private static readonly string[] EventNames = ["Pricing Viewed", "Demo Requested", "Signed Up"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<int> Seeds() => TestSeeds.For(1790407124, 7, 42);

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Random_trees_select_the_same_profiles_in_sql_as_in_memory(int seed)
    {
        var random = new Random(seed);
        // A text-valued computed trait beside the numeric intent score (created once; later seeds find it there).
        using (var created = await app.AdminApi().PostAsJsonAsync("/api/v1/computed-traits", new
        {
            key = TextTrait,
            name = "Agreement: usual category",
            kind = "most_frequent",
            @event = "Pricing Viewed",
            property = "category",
            windowDays = 365,
        }, Ct))
        {
            Assert.True(created.IsSuccessStatusCode || created.StatusCode == System.Net.HttpStatusCode.BadRequest, await created.Content.ReadAsStringAsync(Ct));
        }

        var (_, key) = await app.SourceAsync();
        using var sdk = app.Sdk(key);
        using var admin = app.AdminApi();
        var now = DateTimeOffset.UtcNow;
        var users = Enumerable.Range(0, Profiles).Select(_ => CrmApi.Unique("agree-")).ToList();
        var batch = new List<object>();
        foreach (var user in users)
        {
            batch.Add(new { type = "identify", userId = user, traits = RandomTraits(random), timestamp = now.AddDays(-45) });
            for (var n = random.Next(0, 6); n > 0; n--)
            {
                var at = now.AddHours(-random.Next(1, 40 * 24)).AddMinutes(-random.Next(0, 60));
                batch.Add(random.Next(4) == 0
                    ? new { type = "page", userId = user, name = "Home", timestamp = at }
                    : new { type = "track", userId = user, @event = EventNames[random.Next(EventNames.Length)], timestamp = at, properties = RandomProperties(random) });
            }
        }

        using (var sent = await sdk.PostAsJsonAsync("/v1/batch", new { batch }, Ct))
        {
            sent.EnsureSuccessStatusCode();
        }

        var expectedCounts = users.ToDictionary(u => u, u => batch.Count(e => JsonSerializer.SerializeToElement(e).GetProperty("userId").GetString() == u));
        var facts = new Dictionary<Guid, ProfileFacts>();
        foreach (var user in users)
        {
            var profile = await ProfileWithEventsAsync(admin, user, expectedCounts[user]);
            facts[Guid.Parse(profile.Id())] = await FactsAsync(admin, profile);
        }

        await app.Factory.Services.GetRequiredService<SegmentRefreshJob>().RunNowAsync(Ct);
        foreach (var (id, fact) in facts.ToList())
        {
            var (_, profile) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/{id}");
            var computed = profile.GetProperty("computedTraits").EnumerateObject().ToDictionary(p => p.Name, p => JsonNode.Parse(p.Value.GetRawText())!);
            facts[id] = fact with { Computed = computed };
        }

        var asOf = DateTimeOffset.UtcNow;
        var ids = facts.Keys.ToArray();
        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(Ct);
        var nonTrivial = 0;
        for (var i = 0; i < Trees; i++)
        {
            // A root "all" of several conditions exercises the compiler's candidate filter (conditions without events judged first).
            var tree = SegmentCondition.All([.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => RandomTree(random, depth: 0))]);
            Assert.Empty(SegmentConditionValidator.Validate(tree, "definition", new HashSet<string> { "intent_score", TextTrait }, new HashSet<Guid>()));
            var inMemory = ids.Where(id => SegmentEvaluator.Matches(tree, facts[id], asOf)).Order().ToList();
            var inSql = await SelectAsync(connection, tree, new SegmentQueryOptions(asOf, ids));
            Assert.True(inMemory.SequenceEqual(inSql), $"seed {seed}, tree {SegmentDefinitions.Serialize(tree)}: memory [{string.Join(", ", inMemory)}] sql [{string.Join(", ", inSql)}]");
            var fromPass = await SelectFromPassEventsAsync(connection, tree, asOf, ids);
            Assert.True(inMemory.SequenceEqual(fromPass), $"seed {seed}, tree {SegmentDefinitions.Serialize(tree)}, from the pass's events: memory [{string.Join(", ", inMemory)}] sql [{string.Join(", ", fromPass)}]");
            nonTrivial += inMemory.Count is > 0 and < Profiles ? 1 : 0;
        }

        // Trees that pick everyone or no one agree trivially, so enough must split the profiles. Seeds gave 95–140 of 300;
        // the bar sits far below that so it holds for any seed, not only for these.
        Assert.True(nonTrivial >= Trees / 10, $"only {nonTrivial} of {Trees} trees split the profiles (seed {seed})");
    }

    private static JsonObject RandomProperties(Random random)
    {
        var properties = new JsonObject();
        if (random.Next(4) > 0)
        {
            properties["category"] = random.Next(3) switch { 0 => "shoes", 1 => "Shoes", _ => "hats" };
        }

        if (random.Next(4) > 0)
        {
            properties["price"] = random.Next(3) switch { 0 => (JsonNode)random.Next(0, 200), 1 => "120", _ => (JsonNode)(random.Next(0, 2000) / 10m) };
        }

        if (random.Next(3) == 0)
        {
            properties["tags"] = new JsonArray("sale", "new");
        }

        return properties;
    }

    private static JsonObject RandomTraits(Random random)
    {
        var traits = new JsonObject();
        void Maybe(string name, Func<JsonNode?> value)
        {
            if (random.Next(5) > 0)
            {
                traits[name] = value();
            }
        }

        Maybe("plan", () => random.Next(4) switch { 0 => "pro", 1 => "PRO", 2 => "free", _ => "Enterprise plan" });
        Maybe("seats", () => random.Next(4) switch { 0 => (JsonNode)random.Next(0, 30), 1 => (JsonNode)(random.Next(0, 300) / 10m), 2 => "12", _ => null });
        Maybe("beta", () => random.Next(2) == 0);
        Maybe("signup", () => random.Next(6) switch
        {
            0 => DateTimeOffset.UtcNow.AddDays(-random.Next(0, 90)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            1 => DateTimeOffset.UtcNow.AddHours(random.Next(-2000, 2000)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            2 => DateTimeOffset.UtcNow.AddHours(random.Next(-2000, 2000)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            3 => DateTimeOffset.UtcNow.AddDays(random.Next(-60, 60)).ToString("yyyy-MM-dd'T'HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture) + "+05:30",
            4 => new[] { "2026-02-30", "yesterday", "2026-13-01", "12/01/2026" }[random.Next(4)],
            _ => (JsonNode)random.Next(0, 100),
        });
        Maybe("address", () => new JsonObject { ["city"] = random.Next(2) == 0 ? "Berlin" : "Lisbon" });
        Maybe("tags", () => random.Next(3) switch { 0 => new JsonArray("vip", "beta"), 1 => new JsonArray("Beta"), _ => new JsonArray() });
        return traits;
    }

    private static SegmentCondition RandomTree(Random random, int depth)
    {
        var roll = random.Next(depth >= 2 ? 7 : 10);
        return roll switch
        {
            7 => SegmentCondition.All(RandomTree(random, depth + 1), RandomTree(random, depth + 1)),
            8 => SegmentCondition.Any(RandomTree(random, depth + 1), RandomTree(random, depth + 1)),
            9 => SegmentCondition.Not(RandomTree(random, depth + 1)),
            5 or 6 => RandomEvent(random),
            4 => RandomComputed(random),
            _ => RandomTrait(random),
        };
    }

    private static SegmentCondition RandomComputed(Random random)
    {
        var op = ConditionOperators.ForComputed[random.Next(ConditionOperators.ForComputed.Count)];
        var number = random.Next(0, 60).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var value = op switch
        {
            ConditionOperators.Between => $"{number}, {number}5",
            _ when ConditionOperators.Numeric.Contains(op) => number,
            _ => random.Next(4) switch { 0 => "shoes", 1 => "HATS", 2 => "sh, hats", _ => number },
        };
        return SegmentCondition.Computed(random.Next(2) == 0 ? "intent_score" : TextTrait, op, value);
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static SegmentCondition RandomEvent(Random random)
    {
        var node = SegmentCondition.Performed(
            random.Next(5) == 0 ? "page" : EventNames[random.Next(EventNames.Length)],
            ConditionOperators.ForEvents[random.Next(ConditionOperators.ForEvents.Count)], random.Next(0, 3), new[] { 7, 14, 30 }[random.Next(3)]);
        if (random.Next(3) == 0)
        {
            (node.WithinDays, node.Within) = (null, random.Next(2) == 0
                ? new EventWindow { Amount = random.Next(1, 900), Unit = EventWindow.Hours }
                : new EventWindow { Amount = random.Next(60, 40_000), Unit = EventWindow.Minutes });
        }
        else if (random.Next(3) == 0 && !ConditionOperators.Occurrences.Contains(node.Operator!))
        {
            var from = DateTimeOffset.UtcNow.AddHours(-random.Next(24, 45 * 24));
            node.WithinDays = null;
            if (random.Next(2) == 0)
            {
                node.Ever = true;
            }
            else
            {
                node.Between = new EventDates { From = Iso(from), To = Iso(from.AddHours(random.Next(1, 30 * 24))) };
            }
        }

        if (random.Next(2) == 0)
        {
            node.Where = [.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => RandomFilter(random))];
        }

        return node;
    }

    private static SegmentCondition RandomFilter(Random random)
    {
        var field = new[] { "category", "price", "tags", "tags.0", "missing" }[random.Next(5)];
        var operators = ConditionOperators.ForTraits.Except(ConditionOperators.Dates).ToList();
        var op = operators[random.Next(operators.Count)];
        string? value = ConditionOperators.Numeric.Contains(op) ? random.Next(0, 200).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : !ConditionOperators.NeedsValue(op) ? null
            : op == ConditionOperators.Between ? $"{random.Next(0, 100)}, {random.Next(100, 200)}"
            : op == ConditionOperators.OneOf ? string.Join(", ", new[] { "shoes", "120", "hats", "sale" }.OrderBy(_ => random.Next()).Take(random.Next(1, 3)))
            : field switch
            {
                "category" => new[] { "shoes", "SHOES", "ho", "hats" }[random.Next(4)],
                "price" => new[] { "120", "120.0", "x" }[random.Next(3)],
                _ => new[] { "sale", "NEW", "sa" }[random.Next(3)],
            };
        return new SegmentCondition { Field = field, Operator = op, Value = value };
    }

    private static SegmentCondition RandomTrait(Random random)
    {
        var fields = new[] { "plan", "seats", "beta", "address.city", "missing", "tags", "tags.0", "tags.-1", "tags.1", "signup", "signup" };
        var field = fields[random.Next(fields.Length)];
        var op = field == "signup" && random.Next(3) > 0
            ? ConditionOperators.Dates[random.Next(ConditionOperators.Dates.Count)]
            : ConditionOperators.ForTraits[random.Next(ConditionOperators.ForTraits.Count)];
        string? value = ConditionOperators.Numeric.Contains(op) ? (random.Next(0, 300) / 10m).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : !ConditionOperators.NeedsValue(op) ? null
            : op is ConditionOperators.Before or ConditionOperators.After
                ? DateTimeOffset.UtcNow.AddDays(random.Next(-60, 60)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            : op is ConditionOperators.WithinLastDays or ConditionOperators.WithinNextDays ? random.Next(0, 60).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : op == ConditionOperators.Between ? $"{random.Next(0, 15)}, {random.Next(15, 30)}"
            : op == ConditionOperators.OneOf ? string.Join(", ", new[] { "pro", "12", "Berlin", "vip", "TRUE", "3" }.OrderBy(_ => random.Next()).Take(random.Next(1, 4)))
            : field switch
            {
                "plan" => new[] { "pro", "Pro", "plan", "free" }[random.Next(4)],
                "seats" => new[] { "12", "12.0", "3", "x" }[random.Next(4)],
                "beta" => new[] { "true", "false", "TRUE" }[random.Next(3)],
                "tags" or "tags.0" or "tags.-1" or "tags.1" => new[] { "vip", "BETA", "be" }[random.Next(3)],
                _ => new[] { "Berlin", "lis", "berlin" }[random.Next(3)],
            };
        return SegmentCondition.Trait(field, op, value);
    }

    /// <summary>As the incremental evaluator reads: the profiles' events read once into the pass's table, then the tree over it.</summary>
    private static async Task<List<Guid>> SelectFromPassEventsAsync(NpgsqlConnection connection, SegmentCondition tree, DateTimeOffset asOf, Guid[] ids)
    {
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        var events = await PassEvents.ReadAsync(connection, transaction, ids, [tree], asOf, Ct);
        Assert.Equal(tree.Walk().Any(n => n.Type == ConditionTypes.Event), events is not null);
        var selected = await SelectAsync(connection, tree, new SegmentQueryOptions(asOf, ids, events), transaction);
        await transaction.RollbackAsync(Ct);
        return selected;
    }

    private static async Task<List<Guid>> SelectAsync(NpgsqlConnection connection, SegmentCondition tree, SegmentQueryOptions options, NpgsqlTransaction? transaction = null)
    {
        var compiled = SegmentSqlCompiler.Compile(tree, options);
        await using var command = new NpgsqlCommand(compiled.Sql, connection, transaction);
        compiled.AddTo(command);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            ids.Add(reader.GetGuid(0));
        }

        return [.. ids.Order()];
    }

    private static Task<JsonElement> ProfileWithEventsAsync(HttpClient api, string userId, int events) =>
        api.ProfileWithEventsAsync("user_id", userId, events, Ct);

    private static async Task<ProfileFacts> FactsAsync(HttpClient api, JsonElement profile)
    {
        var (_, page) = await CrmApi.SendAsync(api, HttpMethod.Get, $"/api/v1/profiles/{profile.Id()}/events?limit=100&types=identify,track,page");
        var events = page.GetProperty("items").EnumerateArray()
            .Select(e => new FactEvent(
                e.GetProperty("type").GetString()!, e.GetProperty("event").ValueKind == JsonValueKind.String ? e.GetProperty("event").GetString() : null,
                e.GetProperty("timestamp").GetDateTimeOffset(),
                e.GetProperty("properties").ValueKind == JsonValueKind.Object ? JsonNode.Parse(e.GetProperty("properties").GetRawText())!.AsObject() : null))
            .ToList();
        var traits = JsonNode.Parse(profile.GetProperty("traits").GetRawText())!.AsObject();
        return new ProfileFacts(traits, events, new Dictionary<string, JsonNode>(), new HashSet<Guid>());
    }
}
