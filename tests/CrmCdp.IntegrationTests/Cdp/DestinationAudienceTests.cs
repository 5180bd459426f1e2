using System.Net;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;

namespace CrmCdp.IntegrationTests.Cdp;

/// <summary>Segment entries reach the destinations that subscribe to the segment, with personal data and consent as each destination says.</summary>
public sealed class DestinationAudienceTests(DestinationApp app) : IClassFixture<DestinationApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_entry_into_a_segment_goes_to_its_destinations_masked_unless_they_take_personal_data_and_not_to_one_without_consent()
    {
        using var admin = app.AdminApi();
        var (_, key) = await app.SourceAsync();
        var run = Guid.NewGuid().ToString("N")[..10];
        var segment = await admin.CreateSegmentAsync(new { name = CrmApi.Unique("Pro buyers "), definition = new { type = "trait", field = "run", @operator = "equals", value = run } });
        var (withPii, withoutPii, needsConsent) = ("pii-" + run, "masked-" + run, "consent-" + run);
        var (piiDestination, piiSecret) = await admin.CreateDestinationAsync(To(withPii, segment.Id(), includePii: true));
        var (_, maskedSecret) = await admin.CreateDestinationAsync(To(withoutPii, segment.Id(), includePii: false));
        var (consentDestination, _) = await admin.CreateDestinationAsync(To(needsConsent, segment.Id(), includePii: true, consentCategory: "advertising"));
        app.Receiver.Trust(withPii, piiSecret);
        app.Receiver.Trust(withoutPii, maskedSecret);

        using var sdk = app.Sdk(key);
        var email = $"dana-{run}@example.com";
        await sdk.SendBatchAsync([new { type = "identify", userId = "dana-" + run, traits = new { run, email, name = "Dana Scully" } }]);

        var plain = (await Eventually.UntilAsync(() => Task.FromResult(app.Receiver.At(withPii)), r => r.Count == 1, "the entry at the destination taking personal data", cancellationToken: Ct))[0];
        var masked = (await Eventually.UntilAsync(() => Task.FromResult(app.Receiver.At(withoutPii)), r => r.Count == 1, "the entry at the masked destination", cancellationToken: Ct))[0];
        Assert.True(plain.Verified && masked.Verified);
        var body = plain.Json;
        Assert.Equal("audience.entered", body.GetProperty("type").GetString());
        Assert.Equal(segment.Id(), body.GetProperty("segment").GetProperty("id").GetString());
        Assert.Equal(segment.GetProperty("name").GetString(), body.GetProperty("segment").GetProperty("name").GetString());
        Assert.Equal("dana-" + run, body.GetProperty("profile").GetProperty("userId").GetString());
        Assert.Equal(email, body.GetProperty("profile").GetProperty("email").GetString());
        Assert.Equal("Dana Scully", body.GetProperty("profile").GetProperty("traits").GetProperty("name").GetString());
        var hidden = masked.Json.GetProperty("profile");
        Assert.NotEqual(email, hidden.GetProperty("email").GetString());
        Assert.DoesNotContain("dana-" + run + "@", masked.Body);
        Assert.NotEqual("Dana Scully", hidden.GetProperty("traits").GetProperty("name").GetString());
        Assert.Equal(run, hidden.GetProperty("traits").GetProperty("run").GetString());

        // Written in the same transaction as the others: none was made for the destination that needs consent.
        Assert.Empty(await admin.DeliveriesAsync(consentDestination.Id()));
        Assert.Empty(app.Receiver.At(needsConsent));
        Assert.Single(await admin.DeliveriesAsync(piiDestination.Id()));
    }

    [Fact]
    public async Task A_segment_downloads_as_hashed_customer_lists_for_google_and_meta_with_only_the_members_who_allow_advertising()
    {
        using var admin = app.AdminApi();
        var (_, key) = await app.SourceAsync();
        var run = Guid.NewGuid().ToString("N")[..10];
        var segment = await admin.CreateSegmentAsync(new { name = CrmApi.Unique("Lookalikes "), definition = new { type = "trait", field = "run", @operator = "equals", value = run } });
        using var sdk = app.Sdk(key);
        var email = $"  Walter.Skinner-{run}@Example.COM ";
        await sdk.SendBatchAsync(
        [
            new { type = "identify", userId = "ads-yes-" + run, traits = new { run, email, phone = "+1 (415) 555-2671" }, context = new { consent = new { categoryPreferences = new { Advertising = true } } } },
            new { type = "identify", userId = "ads-no-" + run, traits = new { run, email = $"no-{run}@example.com" }, context = new { consent = new { categoryPreferences = new { Advertising = false } } } },
        ]);
        await Eventually.UntilAsync(() => admin.MemberIdsAsync(segment.Id()), members => members.Count == 2, "both people in the segment", cancellationToken: Ct);

        var google = await ListAsync(admin, segment.Id(), "google");
        var meta = await ListAsync(admin, segment.Id(), "meta");
        var emailHash = Sha256(email.Trim().ToLowerInvariant());
        Assert.Equal(["Email,Phone", $"{emailHash},{Sha256("+14155552671")}"], google);
        Assert.Equal(["email,phone", $"{emailHash},{Sha256("14155552671")}"], meta);

        var (bad, problem) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/segments/{segment.Id()}/ad-audience?format=tiktok");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("format", out _));
    }

    private static async Task<string[]> ListAsync(HttpClient admin, string segmentId, string format)
    {
        using var response = await admin.GetAsync($"/api/v1/segments/{segmentId}/ad-audience?format={format}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    [Fact]
    public async Task An_erasure_is_forwarded_to_the_destinations_subscribed_to_erasures_and_scrubbed_from_the_delivery_log()
    {
        using var admin = app.AdminApi();
        var (_, key) = await app.SourceAsync();
        var run = Guid.NewGuid().ToString("N")[..10];
        var segment = await admin.CreateSegmentAsync(new { name = CrmApi.Unique("Erased "), definition = new { type = "trait", field = "run", @operator = "equals", value = run } });
        var (entries, erasures) = ("entries-" + run, "erasures-" + run);
        var (entriesDestination, _) = await admin.CreateDestinationAsync(To(entries, segment.Id(), includePii: true));
        await admin.CreateDestinationAsync(new { name = CrmApi.Unique("Erasures "), type = "webhook", url = app.Receiver.Url(erasures), subscriptions = new { erasures = true } });
        using var sdk = app.Sdk(key);
        var email = $"gone-{run}@example.com";
        await sdk.SendBatchAsync([new { type = "identify", userId = "gone-" + run, traits = new { run, email } }]);
        var entered = (await Eventually.UntilAsync(() => Task.FromResult(app.Receiver.At(entries)), r => r.Count == 1, "the entry delivered", cancellationToken: Ct))[0];
        await Eventually.UntilAsync(() => admin.DeliveriesAsync(entriesDestination.Id()), d => d.Count == 1 && d[0].GetProperty("status").GetString() == "delivered",
            "the entry logged as delivered", cancellationToken: Ct);

        var (filed, _) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/privacy/requests", new { kind = "erase", identifierKind = "email", identifier = email });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var notice = (await Eventually.UntilAsync(() => Task.FromResult(app.Receiver.At(erasures)), r => r.Count == 1, "the erasure notice", cancellationToken: Ct))[0].Json;
        Assert.Equal("privacy.erasure", notice.GetProperty("type").GetString());
        Assert.Equal(Sha256("gone-" + run), notice.GetProperty("userIdSha256")[0].GetString());
        Assert.Equal(entered.Json.GetProperty("profile").GetProperty("id").GetString(), notice.GetProperty("profileIds")[0].GetString());
        Assert.Equal(Sha256(email), notice.GetProperty("emailSha256")[0].GetString());
        Assert.DoesNotContain(email, notice.GetRawText());
        Assert.DoesNotContain("gone-" + run, notice.GetRawText());
        Assert.Empty(await admin.DeliveriesAsync(entriesDestination.Id()));
    }

    [Fact]
    public async Task Deliveries_still_waiting_when_their_person_is_erased_go_out_without_that_person()
    {
        using var admin = app.AdminApi();
        var (sourceId, key) = await app.SourceAsync();
        var run = Guid.NewGuid().ToString("N")[..10];
        var (batched, single) = ("waiting-batched-" + run, "waiting-single-" + run);
        app.Receiver.AlwaysAnswer(batched, new WebhookAnswer(500));
        app.Receiver.AlwaysAnswer(single, new WebhookAnswer(500));
        object To(string endpoint, int batchSize) => new
        {
            name = CrmApi.Unique("Waiting "),
            type = "webhook",
            url = app.Receiver.Url(endpoint),
            batchSize,
            subscriptions = new { sourceIds = new[] { Guid.Parse(sourceId) } },
        };
        var (batchedDestination, _) = await admin.CreateDestinationAsync(To(batched, 10));
        var (singleDestination, _) = await admin.CreateDestinationAsync(To(single, 1));
        using var sdk = app.Sdk(key);
        var (erased, kept) = ("erased-" + run, "kept-" + run);
        await sdk.SendBatchAsync([
            new { type = "track", userId = erased, @event = "Pricing Viewed", properties = new { run } },
            new { type = "track", userId = kept, @event = "Pricing Viewed", properties = new { run } },
        ]);
        foreach (var destination in new[] { batchedDestination, singleDestination })
        {
            await Eventually.UntilAsync(() => admin.DeliveriesAsync(destination.Id()),
                d => d.Sum(x => x.GetProperty("eventCount").GetInt32()) == 2 && d.All(x => x.GetProperty("status").GetString() == "retrying"), "both events failing once", cancellationToken: Ct);
        }

        var (filed, _) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/privacy/requests", new { kind = "erase", identifierKind = "userId", identifier = erased });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        await Eventually.UntilAsync(() => admin.DeliveriesAsync(singleDestination.Id()), d => d.Count == 1, "the erased person's own delivery withdrawn", cancellationToken: Ct);
        var healedAt = DateTimeOffset.UtcNow;
        app.Receiver.AlwaysAnswer(batched, new WebhookAnswer(200));
        app.Receiver.AlwaysAnswer(single, new WebhookAnswer(200));
        foreach (var destination in new[] { batchedDestination, singleDestination })
        {
            var delivered = await Eventually.UntilAsync(() => admin.DeliveriesAsync(destination.Id()),
                d => d.Count > 0 && d.All(x => x.GetProperty("status").GetString() == "delivered"), "what is left delivered", cancellationToken: Ct);
            Assert.Equal(1, delivered.Sum(x => x.GetProperty("eventCount").GetInt32()));
        }

        var sent = app.Receiver.Received.Where(r => r.At > healedAt && (r.Endpoint == batched || r.Endpoint == single)).ToList();
        Assert.Contains(sent, r => r.Endpoint == batched && r.Body.Contains(kept));
        Assert.Contains(sent, r => r.Endpoint == single && r.Body.Contains(kept));
        Assert.DoesNotContain(sent, r => r.Body.Contains(erased));
    }

    [Fact]
    public async Task The_network_guard_refuses_loopback_and_link_local_urls_when_private_networks_are_not_allowed()
    {
        await using var guarded = new AppFixture();
        await guarded.StartAsync("destinations-guarded");
        using var admin = guarded.AdminApi();
        foreach (var url in new[] { "http://127.0.0.1/hook", "http://169.254.169.254/latest/meta-data", "http://localhost:8080/x", "http://10.1.2.3/x", "http://[::1]/x" })
        {
            var (response, problem) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/destinations", new { name = "Inside", type = "webhook", url });
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {response.StatusCode}");
            Assert.Contains("private", problem.GetProperty("errors").GetProperty("url")[0].GetString());
        }

        var (created, _) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/destinations", new { name = "Outside", type = "webhook", url = "https://hooks.example.com/crmcdp" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private object To(string endpoint, string segmentId, bool includePii, string? consentCategory = null) => new
    {
        name = CrmApi.Unique("Audience hook "),
        type = "webhook",
        url = app.Receiver.Url(endpoint),
        includePii,
        consentCategory,
        subscriptions = new { segmentIds = new[] { Guid.Parse(segmentId) } },
    };
}
