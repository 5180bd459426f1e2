using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCdp.IntegrationTests.Cdp;

/// <summary>Trends and funnels over a dataset built by hand across day and time-zone edges, each answer counted by hand.</summary>
[Collection(SharedAppGroup.Name)]
public sealed class InsightTests(SharedApp app)
{
    private static readonly DateTimeOffset Midnight = new(2026, 12, 1, 5, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_daily_trend_in_new_york_counts_events_and_people_per_local_day_with_filters_and_a_breakdown()
    {
        using var admin = app.AdminApi();
        var run = Guid.NewGuid().ToString("N")[..8];
        var seen = $"Seen {run}";
        var (u1, u2, u3) = ($"t1-{run}", $"t2-{run}", $"t3-{run}");
        using var sdk = app.Sdk((await app.SourceAsync()).Key);
        // Midnight in New York is 05:00 UTC; the days asked for are Dec 1, 2 and 3 there.
        await sdk.SendBatchAsync([
            Track(u1, seen, Midnight.AddMinutes(-1), "free"),     // Nov 30, 23:59 local: before the range
            Track(u1, seen, Midnight, "free"),                    // Dec 1, 00:00
            Track(u1, seen, Midnight.AddHours(23).AddMinutes(59), "pro"), // Dec 1, 23:59 local, already Dec 2 in UTC
            Track(u2, seen, Midnight.AddDays(1), "pro"),          // Dec 2, 00:00
            Track(u2, seen, Midnight.AddDays(1).AddHours(7), "free"),
            Track(u3, seen, Midnight.AddDays(3).AddMinutes(-1), "pro"), // Dec 3, 23:59
            Track(u3, seen, Midnight.AddDays(3), "pro"),          // Dec 4, 00:00: after the range
        ]);
        foreach (var (user, events) in new[] { (u1, 3L), (u2, 2L), (u3, 2L) })
        {
            await admin.ProfileWhenAsync("user_id", user, p => p.GetProperty("eventCount").GetInt64() == events, Ct);
        }

        object Ask(object series, object? breakdown = null) => new
        {
            series = new[] { series },
            interval = "day",
            from = Midnight,
            to = Midnight.AddDays(3),
            timeZone = "America/New_York",
            breakdown,
        };
        var total = await TrendAsync(admin, Ask(new { @event = seen }));
        Assert.Equal([2L, 2, 1], Values(total, 0));
        Assert.Equal(["2026-12-01T00:00:00-05:00", "2026-12-02T00:00:00-05:00", "2026-12-03T00:00:00-05:00"],
            total.GetProperty("series")[0].GetProperty("points").EnumerateArray().Select(p => p.GetProperty("t").GetDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture)));
        var people = await TrendAsync(admin, Ask(new { @event = seen, math = "unique_profiles" }));
        Assert.Equal([1L, 1, 1], Values(people, 0));
        var pro = await TrendAsync(admin, Ask(new { @event = seen, where = new[] { new { field = "plan", @operator = "equals", value = "PRO" } } }));
        Assert.Equal([1L, 1, 1], Values(pro, 0));

        var split = await TrendAsync(admin, Ask(new { @event = seen }, new { property = "plan" }));
        var lines = split.GetProperty("series").EnumerateArray().ToDictionary(s => s.GetProperty("label").GetString()!, s => s.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("value").GetInt64()).ToArray());
        Assert.Equal([1L, 1, 0], lines[$"{seen} · free"]);
        Assert.Equal([1L, 1, 1], lines[$"{seen} · pro"]);
    }

    [Fact]
    public async Task A_funnel_counts_people_who_reach_each_step_in_order_within_the_window_with_the_median_time_and_lists_and_keeps_a_steps_people()
    {
        using var admin = app.AdminApi();
        var run = Guid.NewGuid().ToString("N")[..8];
        var (a, b, c) = ($"A {run}", $"B {run}", $"C {run}");
        var t = Midnight.AddHours(10);
        using var sdk = app.Sdk((await app.SourceAsync()).Key);
        await sdk.SendBatchAsync([
            Track($"f1-{run}", a, t, "pro"), Track($"f1-{run}", b, t.AddMinutes(10)), Track($"f1-{run}", c, t.AddMinutes(20)),
            Track($"f2-{run}", a, t, "free"), Track($"f2-{run}", b, t.AddMinutes(30)), Track($"f2-{run}", c, t.AddHours(2)), // C after the hour's window
            Track($"f3-{run}", b, t.AddMinutes(-5)), Track($"f3-{run}", a, t),                                       // B before A does not count
            Track($"f4-{run}", a, t), Track($"f4-{run}", c, t.AddMinutes(5)),                                         // C without B
        ]);
        foreach (var (user, events) in new[] { ("f1", 3L), ("f2", 3L), ("f3", 2L), ("f4", 2L) })
        {
            await admin.ProfileWhenAsync("user_id", $"{user}-{run}", p => p.GetProperty("eventCount").GetInt64() == events, Ct);
        }

        var (response, funnel) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/insights/funnel", new
        {
            steps = new[] { new { @event = a }, new { @event = b }, new { @event = c } },
            window = new { amount = 1, unit = "hours" },
            from = Midnight,
            to = Midnight.AddDays(1),
            timeZone = "America/New_York",
        });
        Assert.True(response.StatusCode == HttpStatusCode.OK, funnel.ToString());
        var steps = funnel.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal([4L, 2, 1], steps.Select(s => s.GetProperty("count").GetInt64()));
        Assert.Equal([1.0, 0.5, 0.25], steps.Select(s => s.GetProperty("conversionRate").GetDouble()));
        Assert.Equal([0L, 2, 1], steps.Select(s => s.GetProperty("dropped").GetInt64()));
        Assert.Equal(JsonValueKind.Null, steps[0].GetProperty("medianSecondsToConvert").ValueKind);
        Assert.Equal((1200.0, 600.0), (steps[1].GetProperty("medianSecondsToConvert").GetDouble(), steps[2].GetProperty("medianSecondsToConvert").GetDouble()));

        // Split by the entry event's plan: each value's people per step.
        var (_, split) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/insights/funnel", new
        {
            steps = new[] { new { @event = a }, new { @event = b }, new { @event = c } },
            window = new { amount = 1, unit = "hours" },
            from = Midnight,
            to = Midnight.AddDays(1),
            breakdown = new { property = "plan" },
        });
        var byPlan = split.GetProperty("breakdown").EnumerateArray().ToDictionary(r => r.GetProperty("value").GetString()!, r => r.GetProperty("counts").EnumerateArray().Select(c => c.GetInt64()).ToArray());
        Assert.Equal([1L, 1, 1], byPlan["pro"]);
        Assert.Equal([1L, 1, 0], byPlan["free"]);
        Assert.Equal([2L, 0, 0], byPlan["(none)"]);
        Assert.Equal([4L, 2, 1], split.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("count").GetInt64()));

        // The people behind the numbers: those who dropped before B, those who reached C, and the dropped kept as a segment.
        object People(int step, string status, string? name = null) => new
        {
            steps = new[] { new { @event = a }, new { @event = b }, new { @event = c } },
            window = new { amount = 1, unit = "hours" },
            from = Midnight,
            to = Midnight.AddDays(1),
            timeZone = "America/New_York",
            step,
            status,
            name,
        };
        var (_, dropped) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/insights/funnel/people", People(1, "dropped"));
        var (_, converted) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/insights/funnel/people", People(2, "converted"));
        var (refused, problem) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/insights/funnel/people", People(0, "dropped"));
        var (created, segment) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/insights/funnel/segment", People(1, "dropped", $"Dropped before B {run}"));

        Assert.Equal(2, dropped.GetProperty("total").GetInt64());
        Assert.Equal([$"f3-{run}", $"f4-{run}"], dropped.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("label").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal($"f1-{run}", Assert.Single(converted.GetProperty("people").EnumerateArray()).GetProperty("label").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("step", out _));
        Assert.True(created.StatusCode == HttpStatusCode.Created, segment.ToString());
        Assert.True(segment.GetProperty("isStatic").GetBoolean());
        Assert.Equal(2, segment.GetProperty("memberCount").GetInt64());
        var droppedIds = dropped.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("profileId").GetGuid()).Order().ToList();

        // A full refresh (the nightly reconciliation's) leaves a fixed list as it was.
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CrmCdp.Web.Modules.Cdp.Segments.SegmentRefresher>().RefreshAllAsync(Ct);
        }

        var members = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/segments/{segment.Id()}/members", Ct);
        Assert.Equal(droppedIds, members.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("profileId").GetGuid()).Order());
    }

    [Fact]
    public async Task A_trend_compared_with_the_previous_period_answers_the_span_before_on_the_same_buckets_and_a_replaced_question_is_cancelled()
    {
        using var admin = app.AdminApi();
        var run = Guid.NewGuid().ToString("N")[..8];
        var signup = $"Compared {run}";
        using var sdk = app.Sdk((await app.SourceAsync()).Key);
        await sdk.SendBatchAsync([
            Track($"c1-{run}", signup, Midnight.AddHours(1)), Track($"c1-{run}", signup, Midnight.AddHours(2)), Track($"c1-{run}", signup, Midnight.AddHours(23)),
            Track($"c1-{run}", signup, Midnight.AddDays(2).AddHours(1)),
            Track($"c1-{run}", signup, Midnight.AddDays(3).AddHours(1)), Track($"c1-{run}", signup, Midnight.AddDays(3).AddHours(20)),
        ]);
        await admin.ProfileWhenAsync("user_id", $"c1-{run}", p => p.GetProperty("eventCount").GetInt64() == 6, Ct);
        var request = new CrmCdp.Web.Modules.Cdp.Insights.TrendRequest
        {
            Series = [new CrmCdp.Web.Modules.Cdp.Insights.TrendSeries { Event = signup }],
            Interval = "day",
            From = Midnight.AddDays(2),
            To = Midnight.AddDays(4),
            TimeZone = "America/New_York",
            Compare = true,
        };

        var trend = await TrendAsync(admin, request);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var trends = app.Factory.Services.GetRequiredService<CrmCdp.Web.Modules.Cdp.Insights.Trends>();

        var lines = trend.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal([1L, 2], Values(trend, 0));
        Assert.Equal([3L, 0], Values(trend, 1));
        Assert.Equal($"{signup} (previous period)", lines[1].GetProperty("label").GetString());
        Assert.True(lines[1].GetProperty("previous").GetBoolean());
        Assert.Equal(lines[0].GetProperty("points").EnumerateArray().Select(p => p.GetProperty("t").GetDateTimeOffset()), lines[1].GetProperty("points").EnumerateArray().Select(p => p.GetProperty("t").GetDateTimeOffset()));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => trends.RunAsync(CrmCdp.Web.Platform.Auth.AccessContext.System("test", CrmCdp.Web.Platform.Auth.Permissions.Cdp.InsightsRead), request, cancelled.Token));
    }

    [Fact]
    public async Task Retention_puts_people_in_the_local_day_of_their_first_start_event_and_counts_their_returns_per_day_after()
    {
        using var admin = app.AdminApi();
        var run = Guid.NewGuid().ToString("N")[..8];
        var (signed, used) = ($"Signed {run}", $"Used {run}");
        using var sdk = app.Sdk((await app.SourceAsync()).Key);
        await sdk.SendBatchAsync([
            Track($"r1-{run}", signed, Midnight.AddHours(10)), Track($"r1-{run}", used, Midnight.AddHours(11)),
            Track($"r1-{run}", used, Midnight.AddDays(2).AddMinutes(-1)),                  // Dec 2, 23:59 local: the day after
            Track($"r2-{run}", signed, Midnight.AddDays(1).AddMinutes(-1)),                // Dec 1, 23:59 local (Dec 2 in UTC)
            Track($"r2-{run}", used, Midnight.AddDays(2)),                                 // Dec 3, 00:00 local: two days after
            Track($"r3-{run}", signed, Midnight.AddDays(1)), Track($"r3-{run}", used, Midnight.AddDays(1).AddHours(1)), Track($"r3-{run}", used, Midnight.AddDays(1).AddHours(2)),
            Track($"r4-{run}", signed, Midnight.AddMinutes(-1)), Track($"r4-{run}", signed, Midnight.AddDays(1).AddHours(3)), // the first, before the range, does not count
        ]);
        foreach (var (user, events) in new[] { ("r1", 3L), ("r2", 2L), ("r3", 3L), ("r4", 2L) })
        {
            await admin.ProfileWhenAsync("user_id", $"{user}-{run}", p => p.GetProperty("eventCount").GetInt64() == events, Ct);
        }

        var (response, retention) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/insights/retention", new
        {
            startEvent = new { @event = signed },
            returnEvent = new { @event = used },
            interval = "day",
            periods = 3,
            from = Midnight,
            to = Midnight.AddDays(2),
            timeZone = "America/New_York",
        });
        Assert.True(response.StatusCode == HttpStatusCode.OK, retention.ToString());
        var cohorts = retention.GetProperty("cohorts").EnumerateArray().ToList();
        Assert.Equal([Midnight, Midnight.AddDays(1)], cohorts.Select(c => c.GetProperty("start").GetDateTimeOffset()));
        Assert.Equal([2L, 2], cohorts.Select(c => c.GetProperty("size").GetInt64()));
        Assert.Equal([1L, 1, 1], cohorts[0].GetProperty("values").EnumerateArray().Select(v => v.GetInt64()));
        Assert.Equal([1L, 0, 0], cohorts[1].GetProperty("values").EnumerateArray().Select(v => v.GetInt64()));
    }

    [Fact]
    public async Task Web_analytics_count_page_views_visitors_pages_referrers_campaigns_devices_and_browsers()
    {
        using var admin = app.AdminApi();
        var run = Guid.NewGuid().ToString("N")[..8];
        var day = new DateTimeOffset(2026, 10, 10, 0, 0, 0, TimeSpan.Zero);
        const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
        const string IPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
        object Page(string anonymous, DateTimeOffset at, string path, string referrer, string ua, object? campaign = null, string? url = null) => new
        {
            type = "page",
            anonymousId = $"{anonymous}-{run}",
            name = path,
            timestamp = at,
            properties = new { path, referrer, url = url ?? $"https://shop.example{path}" },
            context = new { userAgent = ua, campaign },
        };
        using var sdk = app.Sdk((await app.SourceAsync()).Key);
        await sdk.SendBatchAsync([
            Page("w1", day.AddDays(-5), "/", "", Chrome),                                                        // before the range: w1 returns
            Page("w1", day.AddHours(1), "/pricing", "https://www.google.com/search?q=shop", Chrome, new { source = "google", medium = "cpc", name = "winter" }),
            Page("w1", day.AddHours(2), "/", "", Chrome),
            Page("w2", day.AddHours(3), "/pricing", "https://news.example/story", IPhone, url: "https://shop.example/pricing?utm_source=newsletter&utm_medium=email&utm_campaign=dec"),
            Page("w3", day.AddHours(4), "/pricing", "", IPhone),
        ]);
        foreach (var (visitor, events) in new[] { ("w1", 3L), ("w2", 1L), ("w3", 1L) })
        {
            await admin.ProfileWhenAsync("anonymous_id", $"{visitor}-{run}", p => p.GetProperty("eventCount").GetInt64() == events, Ct);
        }

        var (response, web) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/insights/web?from={Uri.EscapeDataString(day.ToString("O"))}&to={Uri.EscapeDataString(day.AddDays(1).ToString("O"))}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, web.ToString());
        Assert.Equal((4L, 3L, 2L, 1L), (web.GetProperty("pageviews").GetInt64(), web.GetProperty("visitors").GetInt64(), web.GetProperty("newVisitors").GetInt64(), web.GetProperty("returningVisitors").GetInt64()));
        static Dictionary<string, long> Counts(JsonElement list) => list.EnumerateArray().ToDictionary(c => c.GetProperty("value").GetString()!, c => c.GetProperty("count").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["/pricing"] = 3, ["/"] = 1 }, Counts(web.GetProperty("topPages")));
        Assert.Equal(new Dictionary<string, long> { ["(direct)"] = 2, ["www.google.com"] = 1, ["news.example"] = 1 }, Counts(web.GetProperty("referrers")));
        Assert.Equal(new Dictionary<string, long> { ["google"] = 1, ["newsletter"] = 1 }, Counts(web.GetProperty("utmSources")));
        Assert.Equal(new Dictionary<string, long> { ["cpc"] = 1, ["email"] = 1 }, Counts(web.GetProperty("utmMediums")));
        Assert.Equal(new Dictionary<string, long> { ["winter"] = 1, ["dec"] = 1 }, Counts(web.GetProperty("utmCampaigns")));
        Assert.Equal(new Dictionary<string, long> { ["Desktop"] = 1, ["Mobile"] = 2 }, Counts(web.GetProperty("devices")));
        Assert.Equal(new Dictionary<string, long> { ["Chrome"] = 1, ["Safari"] = 2 }, Counts(web.GetProperty("browsers")));
    }

    [Fact]
    public async Task Questions_that_cannot_be_answered_are_refused_naming_the_field_and_roles_without_insights_are_turned_away()
    {
        using var admin = app.AdminApi();
        foreach (var (path, body, field) in new (string, object, string)[]
        {
            ("trends", new { series = Array.Empty<object>(), interval = "day", from = Midnight, to = Midnight.AddDays(1) }, "series"),
            ("trends", new { series = new[] { new { @event = "X" } }, interval = "fortnight", from = Midnight, to = Midnight.AddDays(1) }, "interval"),
            ("trends", new { series = new[] { new { @event = "X" } }, interval = "day", from = Midnight, to = Midnight.AddDays(1), timeZone = "Mars/Olympus" }, "timeZone"),
            ("trends", new { series = new[] { new { @event = "X" } }, interval = "hour", from = Midnight, to = Midnight.AddDays(300) }, "interval"),
            ("trends", new { series = new[] { new { @event = "X", where = new[] { new { field = "plan", @operator = "sounds_like", value = "pro" } } } }, interval = "day", from = Midnight, to = Midnight.AddDays(1) }, "series[0].where[0]"),
            ("funnel", new { steps = new[] { new { @event = "A" } }, window = new { amount = 1, unit = "days" }, from = Midnight, to = Midnight.AddDays(1) }, "steps"),
            ("funnel", new { steps = new[] { new { @event = "A" }, new { @event = "B" } }, window = new { amount = 1, unit = "weeks" }, from = Midnight, to = Midnight.AddDays(1) }, "window"),
            ("funnel", new { steps = new[] { new { @event = "A" }, new { @event = "B" } }, window = new { amount = int.MaxValue, unit = "hours" }, from = Midnight, to = Midnight.AddDays(1) }, "window"),
            ("funnel", new { steps = new[] { new { @event = "A" }, new { @event = "B" } }, window = new { amount = 1, unit = "days" }, from = Midnight.AddDays(1), to = Midnight }, "from"),
            ("retention", new { startEvent = new { @event = "A" }, returnEvent = new { @event = "B" }, interval = "month", periods = 3, from = Midnight, to = Midnight.AddDays(1) }, "interval"),
            ("retention", new { startEvent = new { @event = "A" }, interval = "day", periods = 3, from = Midnight, to = Midnight.AddDays(1) }, "returnEvent"),
        })
        {
            var (response, problem) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/insights/{path}", body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: {response.StatusCode} {problem}");
            Assert.True(problem.GetProperty("errors").EnumerateObject().Any(e => e.Name.StartsWith(field, StringComparison.Ordinal)), $"no error under {field}: {problem}");
        }

        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var (denied, _) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/insights/trends", new { series = new[] { new { @event = "X" } }, interval = "day", from = Midnight, to = Midnight.AddDays(1) });
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    private static object Track(string user, string name, DateTimeOffset at, string? plan = null) =>
        new { type = "track", userId = user, @event = name, timestamp = at, properties = new { plan } };

    private static async Task<JsonElement> TrendAsync(HttpClient admin, object body)
    {
        var (response, trend) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/insights/trends", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, trend.ToString());
        return trend;
    }

    private static long[] Values(JsonElement trend, int series) =>
        [.. trend.GetProperty("series")[series].GetProperty("points").EnumerateArray().Select(p => p.GetProperty("value").GetInt64())];
}
