using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Cdp.Audiences;
using CrmCdp.Web.Modules.Cdp.Contracts;
using CrmCdp.Web.Modules.Cdp.Segments;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CrmCdp.IntegrationTests.Cdp;

/// <summary>
/// Incremental evaluation against the full one: after a random stream of events with merges and splits, across segments
/// of every shape and computed traits, the nightly reconciliation finds nothing to fix, and every event's profile and the
/// daily rollups equal a recount of the raw events. Its own app, so no other test's events move a window edge.
/// </summary>
public sealed class AudienceReconciliationTests(AudienceApp app) : IClassFixture<AudienceApp>
{
    private static readonly string[] Categories = ["shoes", "hats", "boots"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<int> Seeds() => Tests.Shared.TestSeeds.For(20261206);

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task After_a_random_stream_with_merges_and_splits_the_reconciliation_finds_no_differences(int seed)
    {
        var random = new Random(seed);
        using var admin = app.AdminApi();
        var (_, key) = await app.SourceAsync();
        using var sdk = app.Sdk(key);
        var run = CrmApi.Unique("rec-");
        var segments = await CreateSegmentsAsync(admin, run);
        await app.Factory.Services.GetRequiredService<SegmentRefreshJob>().RunNowAsync(Ct);

        // Every event sits 30 s past a whole minute and every window is whole minutes, hours or days, so edges pass only
        // at :30; the reconciliation below starts at least 8 seconds before the next :30, so none passes under it.
        var minute = DateTimeOffset.UtcNow.AddTicks(-(DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerMinute));
        DateTimeOffset At(int minutesAgo) => minute.AddMinutes(-minutesAgo).AddSeconds(30);
        var users = Enumerable.Range(0, 12).Select(i => $"{run}-u{i}").ToList();
        var splits = 0;
        for (var round = 0; round < 4; round++)
        {
            // A data steward undoes some merges: the device leaves the user's profile, with its events.
            if (round == 3)
            {
                splits += await SplitDevicesAsync(admin, users.Where((_, i) => i % 2 == 0));
            }

            var batch = new List<object>();
            foreach (var (user, i) in users.Select((u, i) => (u, i)))
            {
                var device = $"{user}-device";
                if (round == 0)
                {
                    batch.Add(new { type = "identify", userId = user, traits = new { run, plan = random.Next(2) == 0 ? "pro" : "free", seats = random.Next(1, 20) }, timestamp = At(5000) });
                }

                for (var n = random.Next(0, 4); n > 0; n--)
                {
                    var anonymous = random.Next(3) == 0;
                    var at = At(random.Next(2) == 0 ? random.Next(1, 90) : random.Next(90, 4 * 24 * 60));
                    var properties = new JsonObject { ["category"] = Categories[random.Next(Categories.Length)], ["price"] = random.Next(50, 200) };
                    var name = random.Next(4) == 0 ? "Order Completed" : "Product Viewed";
                    batch.Add(anonymous
                        ? new { type = "track", anonymousId = device, @event = name, properties, timestamp = at }
                        : new { type = "track", userId = user, @event = name, properties, timestamp = at });
                }

                // The device's anonymous profile merges into the user's when they sign in on it.
                if (round is 1 or 2 && random.Next(3) == 0)
                {
                    batch.Add(new { type = "identify", userId = user, anonymousId = device, timestamp = At(random.Next(1, 60)) });
                }
            }

            await sdk.SendBatchAsync(batch);
            await app.WaitForAudiencesAsync();
        }

        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(Ct);
        Assert.True(await IncrementalChangesAsync(connection, segments) > 0, "incremental evaluation changed no membership: the test proves nothing");
        await Eventually.UntilAsync(() => Task.FromResult(DateTimeOffset.UtcNow.Second), second => second is (>= 1 and < 22) or (>= 31 and < 52), "seconds far from :30", TimeSpan.FromSeconds(70), Ct);

        var differences = await app.Factory.Services.GetRequiredService<AudienceReconciliationJob>().RunAsync(Ct);

        Assert.Equal(0, differences);
        Assert.True(splits > 0, "no device was split off: the test proves nothing about splits");
        await EventOwnershipChecks.ResolvedAsync(connection, Ct);
        Assert.Equal(0, await EventOwnershipChecks.OwnershipDifferencesAsync(connection, Ct));
        Assert.Equal(0, await EventOwnershipChecks.RollupDifferencesAsync(connection, Ct));
        Assert.True(await EventOwnershipChecks.CountAsync(connection, "SELECT count(*) FROM cdp_profile_event_days WHERE count > 1", Ct) > 0, "no rollup counts more than one event");
        await InsightsReadingTheRollupsAgreeWithARecountAsync(admin, connection);
    }

    /// <summary>
    /// People per day and per week, which insights count from these rollups (the app reads them whatever their size), over
    /// a range that starts and ends mid-day, on a clock whose days are not UTC's: each equals a recount of the raw events.
    /// </summary>
    private static async Task InsightsReadingTheRollupsAgreeWithARecountAsync(HttpClient admin, NpgsqlConnection connection)
    {
        const string Zone = "America/New_York";
        var to = DateTimeOffset.UtcNow;
        var from = to.AddDays(-5).AddHours(-7);
        foreach (var unit in new[] { "day", "week" })
        {
            var (response, trend) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/insights/trends", new
            {
                series = new[] { new { @event = "Product Viewed", math = "unique_profiles" } },
                interval = unit,
                from,
                to,
                timeZone = Zone,
            });
            Assert.True(response.IsSuccessStatusCode, trend.ToString());
            var counted = trend.GetProperty("series")[0].GetProperty("points").EnumerateArray()
                .Where(p => p.GetProperty("value").GetInt64() > 0)
                .ToDictionary(p => p.GetProperty("t").GetDateTimeOffset().DateTime, p => p.GetProperty("value").GetInt64());
            var recounted = await EventOwnershipChecks.PeoplePerBucketAsync(connection, "Product Viewed", unit, Zone, from, to, Ct);
            Assert.True(recounted.Count > 0, "nobody viewed a product in the range: the check proves nothing");
            Assert.Equal(recounted.OrderBy(b => b.Key), counted.OrderBy(b => b.Key));
        }
    }

    /// <summary>Splits each user's device off their profile where they merged; answers how many splits there were.</summary>
    private static async Task<int> SplitDevicesAsync(HttpClient admin, IEnumerable<string> users)
    {
        var splits = 0;
        foreach (var user in users)
        {
            var profile = await admin.ProfileWhenAsync("user_id", user, _ => true, Ct);
            using var response = await admin.PostAsJsonAsync($"/api/v1/profiles/{profile.Id()}/split",
                new { identifiers = new[] { new { type = "anonymous_id", value = $"{user}-device" } } }, Ct);
            splits += response.IsSuccessStatusCode ? 1 : 0;
        }

        return splits;
    }

    [Fact]
    public async Task Each_change_feed_consumer_follows_its_own_checkpoint_and_a_failing_one_holds_no_other_back()
    {
        using var admin = app.AdminApi();
        var (_, key) = await app.SourceAsync();
        using var sdk = app.Sdk(key);
        var marker = CrmApi.Unique("feed-");
        await admin.CreateSegmentAsync(new { name = CrmApi.Unique("Feed "), definition = SegmentCondition.Trait("marker", "equals", marker) });
        await sdk.SendBatchAsync([new { type = "identify", userId = marker + "-a", traits = new { marker } }, new { type = "identify", userId = marker + "-b", traits = new { marker } }]);
        await app.WaitForAudiencesAsync();
        var recording = new RecordingConsumer($"test-{marker}");
        var feed = new SegmentChangeFeed(
            app.Factory.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Web.Platform.Data.AppDbContext>>(),
            [new FailingConsumer(), recording], Microsoft.Extensions.Logging.Abstractions.NullLogger<SegmentChangeFeed>.Instance);

        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(Ct);
        var before = await ChangeIdsAsync(connection);
        var first = await feed.DeliverAsync(Ct);
        var second = await feed.DeliverAsync(Ct);

        // Window edges of other tests' events may add changes meanwhile: each is then seen once, after the others.
        Assert.NotEmpty(before);
        Assert.Equal(before, recording.Seen.Take(before.Length));
        Assert.Equal(recording.Seen.Distinct().Order(), recording.Seen);
        Assert.Equal(recording.Seen.Count, first + second);
        Assert.Equal(recording.Seen[^1], await CheckpointAsync(connection, SegmentChangeFeed.CheckpointName(recording)));
        Assert.Equal(0, await CheckpointAsync(connection, SegmentChangeFeed.CheckpointName(new FailingConsumer())));
    }

    private static async Task<long[]> ChangeIdsAsync(NpgsqlConnection connection)
    {
        await using var all = new NpgsqlCommand("SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM cdp_segment_changes", connection);
        return (long[])(await all.ExecuteScalarAsync(Ct))!;
    }

    private static async Task<List<Guid>> CreateSegmentsAsync(HttpClient admin, string run)
    {
        object Viewed(string op, int count, int amount, string unit, params object[] where) =>
            new { type = "event", @event = "Product Viewed", @operator = op, count, within = new { amount, unit }, where };
        object Ordered(string op, int count, int amount, string unit) => new { type = "event", @event = "Order Completed", @operator = op, count, within = new { amount, unit } };
        var ofRun = new { type = "trait", field = "run", @operator = "equals", value = run };
        var trait = "rec_" + Guid.NewGuid().ToString("N")[..8];
        foreach (var body in new object[]
                 {
                     new { key = trait + "_spend", name = "Spend", kind = "sum", @event = "Order Completed", property = "price", within = new { amount = 3, unit = "days" } },
                     new { key = trait + "_last", name = "Last category", kind = "last", @event = "Product Viewed", property = "category", within = new { amount = 2, unit = "hours" } },
                 })
        {
            using var created = await admin.PostAsJsonAsync("/api/v1/computed-traits", body, Ct);
            created.EnsureSuccessStatusCode();
        }

        var browsers = await admin.CreateSegmentAsync(new
        {
            name = CrmApi.Unique("Browsed, did not buy "),
            definition = new { type = "and", conditions = new object[] { ofRun, Viewed("at_least", 1, 3, "days"), Ordered("at_most", 0, 1, "days") } },
        });
        var definitions = new object[]
        {
            new { type = "and", conditions = new object[] { ofRun, new { type = "trait", field = "plan", @operator = "equals", value = "pro" }, Viewed("at_least", 2, 2, "days") } },
            Viewed("at_least", 1, 30, "minutes", new { field = "category", @operator = "equals", value = "shoes" }, new { field = "price", @operator = "gt", value = "100" }),
            new { type = "or", conditions = new object[] { new { type = "trait", field = "seats", @operator = "gte", value = "10" }, new { type = "and", conditions = new object[] { ofRun, Ordered("exactly", 1, 3, "hours") } } } },
            new { type = "and", conditions = new object[] { new { type = "segment", segmentId = browsers.Id() }, new { type = "not", condition = new { type = "trait", field = "plan", @operator = "equals", value = "pro" } } } },
            Viewed("at_most", 2, 90, "minutes", new { field = "category", @operator = "one_of", value = "hats, boots" }),
            new { type = "and", conditions = new object[] { ofRun, new { type = "event", @event = "Order Completed", @operator = "last_before", within = new { amount = 2, unit = "hours" } } } },
            new { type = "computed", field = trait + "_spend", @operator = "gte", value = "150" },
            new { type = "and", conditions = new object[] { ofRun, new { type = "computed", field = trait + "_last", @operator = "one_of", value = "shoes, boots" } } },
            new { type = "event", @event = "Product Viewed", @operator = "first_within", within = new { amount = 1, unit = "days" }, where = new[] { new { field = "category", @operator = "equals", value = "shoes" } } },
        };
        var ids = new List<Guid> { Guid.Parse(browsers.Id()) };
        foreach (var definition in definitions)
        {
            ids.Add(Guid.Parse((await admin.CreateSegmentAsync(new { name = CrmApi.Unique("Reconciled "), definition })).Id()));
        }

        return ids;
    }

    private static async Task<long> IncrementalChangesAsync(NpgsqlConnection connection, List<Guid> segments)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM cdp_segment_changes WHERE segment_id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", segments.ToArray());
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private static async Task<long> CheckpointAsync(NpgsqlConnection connection, string name)
    {
        await using var command = new NpgsqlCommand("SELECT coalesce((SELECT last_change_id FROM cdp_audience_checkpoints WHERE name = @name), 0)", connection);
        command.Parameters.AddWithValue("name", name);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private sealed class FailingConsumer : ISegmentChangeConsumer
    {
        public string Name => "test-always-failing";

        public Task HandleAsync(Web.Platform.Data.AppDbContext db, IReadOnlyList<SegmentChange> changes, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("This consumer always fails.");
    }

    private sealed class RecordingConsumer(string name) : ISegmentChangeConsumer
    {
        public List<long> Seen { get; } = [];

        public string Name => name;

        public Task HandleAsync(Web.Platform.Data.AppDbContext db, IReadOnlyList<SegmentChange> changes, CancellationToken cancellationToken)
        {
            Seen.AddRange(changes.Select(c => c.Id));
            return Task.CompletedTask;
        }
    }
}
