using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.IntegrationTests.Cdp;
using CrmCdp.TestSupport;
using Npgsql;

namespace CrmCdp.IntegrationTests.Operations;

/// <summary>
/// Two app processes on one database, as behind a load balancer: both take events from the real Segment SDK, both run
/// Hangfire, a sign-in on one is valid on the other, and after a kill -9 of one mid-load the other resolves, evaluates
/// and activates everything acknowledged, each event stored once and each person made into one task.
/// </summary>
public sealed class TwoInstanceTests
{
    private const int People = 10;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Both_instances_serve_and_after_a_kill_9_of_one_the_other_resolves_and_activates_every_acknowledged_event_once()
    {
        var connectionString = await (await TestPostgres.GetAsync()).CreateDatabaseAsync("two-instances");
        var apiKey = $"crm_two_{Guid.NewGuid():N}";
        // One Hangfire worker each: the machine running the suite has other tests to run beside these two processes.
        var settings = new Dictionary<string, string> { ["Jobs__RunServer"] = "true", ["Jobs__WorkerCount"] = "1", ["Cdp__Audiences__SweepSeconds"] = "2" };
        await using var doomed = await WebAppProcess.StartAsync(connectionString, apiKey, Ct, settings);
        await using var survivor = await WebAppProcess.StartAsync(connectionString, apiKey, Ct, settings);
        using var admin = new HttpClient { BaseAddress = survivor.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        await using var database = new NpgsqlConnection(connectionString);
        await database.OpenAsync(Ct);

        await Eventually.UntilAsync(() => CountAsync(database, "SELECT count(*) FROM hangfire.server"), servers => servers == 2, "both instances' Hangfire servers", cancellationToken: Ct);
        var repEmail = $"rep-{Guid.NewGuid():N}@example.com";
        var rep = await PostAsync(admin, "/api/v1/users", new { email = repEmail, displayName = "Rep", password = AppFixture.TestPassword, roles = new[] { "SalesRep" } });
        await SignInOnOneIsValidOnTheOtherAsync(doomed.BaseAddress, survivor.BaseAddress, repEmail);

        var source = await PostAsync(admin, "/api/v1/sources", new { name = "Two instances", type = "server" });
        var runs = new[] { $"a{Guid.NewGuid():N}"[..9], $"b{Guid.NewGuid():N}"[..9] };
        foreach (var user in runs.SelectMany(run => Enumerable.Range(0, People).Select(p => $"{run}-{p}")))
        {
            await PostAsync(admin, "/api/v1/contacts", new { firstName = user, lastName = "Load", email = $"{user}@example.com", ownerId = rep.GetProperty("id").GetString() });
        }

        await PostAsync(admin, "/api/v1/segments", new
        {
            name = "Viewed under load",
            definition = Web.Modules.Cdp.Segments.SegmentCondition.Performed("Load Viewed", "at_least", 1, 1),
            consentCategory = "advertising",
            activationEnabled = true,
            taskTitle = "Call {name}",
            taskDueInDays = 1,
        });

        var writeKey = source.GetProperty("writeKey").GetString()!;
        var toDoomed = Task.Run(() => SdkClients.RunAsync("segment-load.mjs", doomed.BaseAddress, writeKey, runs[0]), Ct);
        var toSurvivor = Task.Run(() => SdkClients.RunAsync("segment-load.mjs", survivor.BaseAddress, writeKey, runs[1]), Ct);
        await Eventually.UntilAsync(() => CountAsync(database, "SELECT last_event_id FROM cdp_resolution_checkpoints WHERE name = 'identity'"), resolved => resolved >= 100,
            "resolution under way", cancellationToken: Ct);
        await doomed.KillAsync();
        var killed = Stopwatch.StartNew();
        // Fail-over: how long until the survivor has resolved every event stored when the other died.
        var storedAtKill = await CountAsync(database, "SELECT max(id) FROM cdp_events");
        await Eventually.UntilAsync(() => CountAsync(database, "SELECT last_event_id FROM cdp_resolution_checkpoints WHERE name = 'identity'"), resolved => resolved >= storedAtKill,
            "the survivor resolving what was stored at the kill", cancellationToken: Ct);
        var failOver = killed.Elapsed;
        var acknowledged = (await Task.WhenAll(toDoomed, toSurvivor)).SelectMany(r => r.GetProperty("acknowledged").EnumerateArray().Select(m => m.GetString()!)).ToList();

        var stored = await StoredMessageIdsAsync(database, source.GetProperty("id").GetString()!);
        Assert.Empty(acknowledged.Except(stored));
        Assert.Equal(stored.Count, stored.Distinct().Count());
        await Eventually.UntilAsync(() => CountAsync(database, "SELECT (SELECT max(id) FROM cdp_events) - (SELECT last_event_id FROM cdp_resolution_checkpoints WHERE name = 'identity')"),
            behind => behind <= 0, "the survivor resolving every stored event", cancellationToken: Ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"resolution failed over in {failOver.TotalSeconds:N1} s; {acknowledged.Count} events acknowledged");

        // Everyone whose consent and a view were stored is a member and becomes exactly one task for their contact's owner.
        const string Expected = """
            SELECT count(DISTINCT c.id) FROM crm_contacts c
            WHERE EXISTS (SELECT 1 FROM cdp_events e WHERE e.event = 'Load Viewed' AND e.user_id || '@example.com' = ANY(c.emails))
              AND EXISTS (SELECT 1 FROM cdp_events e WHERE e.type = 'identify' AND e.user_id || '@example.com' = ANY(c.emails))
            """;
        var expected = await CountAsync(database, Expected);
        Assert.True(expected >= People, $"only {expected} people's views were stored");
        const string Tasked = "SELECT count(DISTINCT contact_id) FROM crm_tasks WHERE origin = 'activation'";
        await Eventually.UntilAsync(() => CountAsync(database, Tasked), tasked => tasked == expected, "a task for every member", cancellationToken: Ct);
        await Eventually.UntilAsync(
            // The window-edge sweep keeps its row there too, with a time (swept_to) rather than a place in the feed.
            () => CountAsync(database, "SELECT count(*) FROM cdp_audience_checkpoints WHERE swept_to IS NULL AND last_change_id < (SELECT max(id) FROM cdp_segment_changes)"),
            behind => behind == 0, "every change feed consumer at the end of the feed", cancellationToken: Ct);
        await Eventually.UntilAsync(() => CountAsync(database, "SELECT count(*) FROM cdp_audience_queue"), queued => queued == 0, "the survivor evaluating every queued person", cancellationToken: Ct);
        Assert.Equal(expected, await CountAsync(database, "SELECT count(*) FROM crm_tasks WHERE origin = 'activation'"));
    }

    /// <summary>Data-protection keys live in the database, so the cookie one instance issued opens the other's pages.</summary>
    private static async Task SignInOnOneIsValidOnTheOtherAsync(Uri one, Uri other, string email)
    {
        var cookies = new CookieContainer();
        using var first = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = one };
        await FormSignIn.SignInAsync(first, email, AppFixture.TestPassword);
        using var second = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = other };
        using var page = await second.GetAsync("/crm/contacts", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var stranger = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = other };
        using var refused = await stranger.GetAsync("/crm/contacts", Ct);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    private static async Task<JsonElement> PostAsync(HttpClient api, string path, object body)
    {
        using var response = await api.PostAsJsonAsync(path, body, Ct);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.IsSuccessStatusCode, $"POST {path} answered {(int)response.StatusCode}: {created}");
        return created;
    }

    /// <summary>A number the database answers; 0 when it answers none yet (a checkpoint not written).</summary>
    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Ct) is { } value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
    }

    private static async Task<List<string>> StoredMessageIdsAsync(NpgsqlConnection connection, string sourceId)
    {
        await using var command = new NpgsqlCommand("SELECT message_id FROM cdp_events WHERE source_id = @source", connection);
        command.Parameters.AddWithValue("source", Guid.Parse(sourceId));
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
