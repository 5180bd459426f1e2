using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmCdp.IntegrationTests.Cdp;
using CrmCdp.TestSupport;

namespace CrmCdp.IntegrationTests.Marketing;

/// <summary>A journey survives a kill -9 between its steps: after the restart it goes on, and no step happens twice.</summary>
public sealed class JourneyCrashTests
{
    [Fact]
    public async Task A_journey_killed_during_its_wait_goes_on_after_the_restart_without_doing_a_step_twice()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await (await TestPostgres.GetAsync()).CreateDatabaseAsync("journeycrash");
        var apiKey = $"crm_journeycrash_test_{Guid.NewGuid():N}";
        await using var smtp = TestSmtpServer.Start();
        var settings = smtp.AppSettings().ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        settings["Email__PublicUrl"] = "http://crmcdp.test";
        settings["Journeys__IdleMilliseconds"] = "100";
        // Hangfire sends the email and runs the minute contact-link job.
        settings["Jobs__RunServer"] = "true";
        var address = $"dana-{Guid.NewGuid():N}@example.com";
        bool ToDana(ReceivedEmail e) => e.Message.To.Mailboxes.Any(m => m.Address == address);
        string journeyId;

        await using (var doomed = await WebAppProcess.StartAsync(connectionString, apiKey, ct, settings))
        {
            using var admin = Admin(doomed.BaseAddress, apiKey);
            var (_, writeKey) = await PostAsync(admin, "/api/v1/sources", new { name = "Site", type = "server" }, "writeKey", ct);
            var (segmentId, _) = await PostAsync(admin, "/api/v1/segments", new { name = "Ready", definition = new { type = "trait", field = "ready", @operator = "is_true" } }, "name", ct);
            var (templateId, _) = await PostAsync(admin, "/api/v1/email/templates", new { name = "Step", subject = "{{ profile.step | default: 'first' }} for {{ contact.first_name }}", html = "<p>Hello</p>" }, "name", ct);
            (journeyId, _) = await PostAsync(admin, "/api/v1/journeys", new
            {
                name = "Two emails",
                trigger = new { type = "segment_entered", segmentId },
                start = "first",
                steps = new object[]
                {
                    new { id = "first", type = "send_email", templateId, next = "pause" },
                    new { id = "pause", type = "wait", duration = new { amount = 1, unit = "hours" }, next = "second" },
                    new { id = "second", type = "send_email", templateId, next = (string?)null },
                },
            }, "name", ct);
            using (var published = await admin.PostAsync($"/api/v1/journeys/{journeyId}/publish", null, ct))
            {
                Assert.Equal(HttpStatusCode.OK, published.StatusCode);
            }

            await PostAsync(admin, "/api/v1/contacts", new { firstName = "Dana", lastName = "Durable", email = address, emailConsent = true }, "firstName", ct);
            using var sdk = new HttpClient { BaseAddress = doomed.BaseAddress };
            sdk.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
            await SendAsync(sdk, new { type = "identify", userId = "dana", traits = new { email = address } }, ct);
            // The minute contact-link job copies the contact's consent onto the profile.
            await Eventually.UntilAsync(() => ConsentAsync(admin, ct), consent => consent, "the contact's email consent on the profile", TimeSpan.FromSeconds(150), ct);
            await SendAsync(sdk, new { type = "identify", userId = "dana", traits = new { ready = true } }, ct);
            await Eventually.UntilAsync(() => SentToAsync(admin, address, ct), sent => sent == 1, "the first email sent and logged", TimeSpan.FromSeconds(30), ct);
            var people = await PeopleAsync(admin, journeyId, ct);
            Assert.Equal("pause", people[0].GetProperty("step").GetString());
            await doomed.KillAsync();
        }

        Assert.Single(smtp.Received, ToDana);
        await using var restarted = await WebAppProcess.StartAsync(connectionString, apiKey, ct, settings);
        using var again = Admin(restarted.BaseAddress, apiKey);
        await JourneyClock.EndWaitsAsync(connectionString, journeyId);
        var done = await Eventually.UntilAsync(() => PeopleAsync(again, journeyId, ct), p => p[0].GetProperty("status").GetString() == "completed",
            "the journey finished after the restart", TimeSpan.FromSeconds(60), ct);
        await Eventually.UntilAsync(() => Task.FromResult(smtp.Received.Count(ToDana)), n => n == 2, "the second email", TimeSpan.FromSeconds(30), ct);
        Assert.Equal(["first", "pause", "second"], done[0].GetProperty("path").EnumerateArray().Select(p => p.GetProperty("step").GetString()));
        var stats = await again.GetFromJsonAsync<JsonElement>($"/api/v1/journeys/{journeyId}/stats", ct);
        Assert.Equal(1, stats.Step("first").Outcome("sent"));
        Assert.Equal(1, stats.Step("second").Outcome("sent"));
        Assert.Equal(2, smtp.Received.Count(ToDana));
    }

    private static async Task<bool> ConsentAsync(HttpClient admin, CancellationToken ct)
    {
        using var response = await admin.GetAsync("/api/v1/profiles/lookup?type=user_id&value=dana", ct);
        return response.IsSuccessStatusCode
            && (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("consent") is { ValueKind: JsonValueKind.Object } consent
            && consent.TryGetProperty("email", out var email) && email.ValueKind == JsonValueKind.True;
    }

    private static async Task<int> SentToAsync(HttpClient admin, string address, CancellationToken ct) =>
        (await admin.GetFromJsonAsync<JsonElement>("/api/v1/email/log?status=sent", ct)).EnumerateArray().Count(e => e.GetProperty("to").GetString() == address);

    private static async Task<List<JsonElement>> PeopleAsync(HttpClient admin, string journeyId, CancellationToken ct) =>
        [.. (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/journeys/{journeyId}/people", ct)).GetProperty("items").EnumerateArray()];

    private static async Task SendAsync(HttpClient sdk, object message, CancellationToken ct)
    {
        using var sent = await sdk.PostAsJsonAsync("/v1/batch", new { batch = new[] { message } }, ct);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
    }

    private static HttpClient Admin(Uri server, string apiKey)
    {
        var admin = new HttpClient { BaseAddress = server };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return admin;
    }

    private static async Task<(string Id, string Other)> PostAsync(HttpClient admin, string path, object body, string other, CancellationToken ct)
    {
        using var response = await admin.PostAsJsonAsync(path, body, ct);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path} answered {(int)response.StatusCode}: {created}");
        return (created.GetProperty("id").GetString()!, created.GetProperty(other).ToString());
    }
}
