using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.IntegrationTests.Forms;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Cdp.Destinations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CrmCdp.IntegrationTests.Cdp;

/// <summary>Webhooks signed the Standard Webhooks way, retried, honouring Retry-After, isolated per destination, rotated and replayed, against a real receiver.</summary>
public sealed class DestinationDeliveryTests(DestinationApp app) : IClassFixture<DestinationApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestWebhookReceiver Receiver => app.Receiver;

    [Fact]
    public async Task A_500_then_a_200_delivers_the_event_once_more_with_the_same_webhook_id_and_two_attempts_logged()
    {
        using var admin = app.AdminApi();
        var (sourceId, key) = await app.SourceAsync();
        var endpoint = Endpoint();
        var (destination, secret) = await admin.CreateDestinationAsync(EventsTo(endpoint, sourceId));
        Receiver.Trust(endpoint, secret);
        Receiver.Script(endpoint, new WebhookAnswer(500));

        using var sdk = app.Sdk(key);
        await sdk.SendBatchAsync([new { type = "track", userId = "retry-user", @event = "Order Completed", properties = new { total = 42 } }]);

        var received = await Eventually.UntilAsync(() => Task.FromResult(Receiver.At(endpoint)), r => r.Count >= 2, "the retry after the 500", cancellationToken: Ct);
        Assert.All(received, r => Assert.True(r.Verified, "a signature did not verify"));
        Assert.Single(received.Select(r => r.WebhookId).Distinct());
        var body = received[^1].Json;
        Assert.Equal("Order Completed", body.GetProperty("event").GetString());
        Assert.Equal(sourceId, body.GetProperty("sourceId").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("profileId").GetString()));
        Assert.True(body.TryGetProperty("receivedAt", out _));

        var delivery = await Eventually.UntilAsync(async () => (await admin.DeliveriesAsync(destination.Id())).Single(), d => d.GetProperty("status").GetString() == "delivered",
            "the delivery recorded as delivered", cancellationToken: Ct);
        Assert.Equal(2, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(200, delivery.GetProperty("lastStatusCode").GetInt32());
        Assert.Equal(received[0].WebhookId, delivery.GetProperty("webhookId").GetString());
        var detail = await admin.DeliveryAsync(destination.Id(), delivery.GetProperty("id").GetInt64());
        Assert.Equal([500, 200], detail.GetProperty("attemptLog").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()));
        Assert.Equal(2, Receiver.At(endpoint).Count);
        var (_, health) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/destinations/{destination.Id()}/health");
        Assert.Equal((2, 1, 0.5, 0), (health.GetProperty("attempts").GetInt32(), health.GetProperty("succeeded").GetInt32(), health.GetProperty("successRate").GetDouble(), health.GetProperty("pending").GetInt32()));
        Assert.Equal(2, health.GetProperty("hours").EnumerateArray().Sum(h => h.GetProperty("attempts").GetInt32()));
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_tried_again_no_sooner_than_it_asked()
    {
        using var admin = app.AdminApi();
        var (sourceId, key) = await app.SourceAsync();
        var endpoint = Endpoint();
        var (_, secret) = await admin.CreateDestinationAsync(EventsTo(endpoint, sourceId));
        Receiver.Trust(endpoint, secret);
        Receiver.Script(endpoint, new WebhookAnswer(429, RetryAfterSeconds: 3));

        using var sdk = app.Sdk(key);
        await sdk.SendBatchAsync([new { type = "track", userId = "limited-user", @event = "Order Completed" }]);

        var received = await Eventually.UntilAsync(() => Task.FromResult(Receiver.At(endpoint)), r => r.Count >= 2, "the retry after the 429", cancellationToken: Ct);
        var waited = received[1].At - received[0].At;
        Assert.True(waited >= TimeSpan.FromSeconds(2.9), $"retried after {waited.TotalSeconds:N1} s; Retry-After asked for 3 (the schedule says 1)");
        Assert.All(received, r => Assert.True(r.Verified));
    }

    [Fact]
    public async Task A_dead_destination_does_not_hold_back_a_healthy_one()
    {
        using var admin = app.AdminApi();
        var (sourceId, key) = await app.SourceAsync();
        var (dead, healthy) = (Endpoint(), Endpoint());
        var (deadDestination, _) = await admin.CreateDestinationAsync(EventsTo(dead, sourceId));
        var (_, secret) = await admin.CreateDestinationAsync(EventsTo(healthy, sourceId));
        Receiver.Trust(healthy, secret);
        // Never answers within the 30 s timeout: every request to it holds a slot for that long.
        Receiver.AlwaysAnswer(dead, new WebhookAnswer(200, Stall: TimeSpan.FromSeconds(60)));

        using var sdk = app.Sdk(key);
        await sdk.SendBatchAsync(Enumerable.Range(0, 20).Select(i => (object)new { type = "track", userId = $"busy-user-{i % 3}", @event = "Order Completed", properties = new { i } }));

        // All twenty reach the healthy receiver while the dead one's first requests are still waiting for an answer.
        await Eventually.UntilAsync(() => Task.FromResult(Receiver.At(healthy)), r => r.Count >= 20, "the healthy destination's twenty events", TimeSpan.FromSeconds(25), Ct);
        var deadDeliveries = await admin.DeliveriesAsync(deadDestination.Id());
        Assert.Equal(20, deadDeliveries.Count);
        Assert.All(deadDeliveries, d => Assert.Equal(0, d.GetProperty("attempts").GetInt32()));
        Assert.All(Receiver.At(healthy), r => Assert.True(r.Verified));
        Assert.Equal(20, Receiver.At(healthy).Select(r => r.WebhookId).Distinct().Count());
        var (deleted, _) = await CrmApi.SendAsync(admin, HttpMethod.Delete, $"/api/v1/destinations/{deadDestination.Id()}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task During_a_rotation_each_request_verifies_with_the_old_secret_and_with_the_new_one()
    {
        using var admin = app.AdminApi();
        var endpoint = Endpoint();
        var (destination, oldSecret) = await admin.CreateDestinationAsync(new { name = CrmApi.Unique("Rotating "), type = "webhook", url = Receiver.Url(endpoint) });
        var (rotated, answer) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/destinations/{destination.Id()}/rotate-secret?overlapHours=1");
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var newSecret = answer.GetProperty("secret").GetString()!;
        Assert.NotEqual(oldSecret, newSecret);

        var (tested, result) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/destinations/{destination.Id()}/test");
        Assert.Equal(HttpStatusCode.OK, tested.StatusCode);
        Assert.True(result.GetProperty("succeeded").GetBoolean(), result.ToString());
        var request = Assert.Single(Receiver.At(endpoint));
        Assert.Equal(2, request.Signature.Split(' ').Length);
        Assert.True(TestWebhookReceiver.VerifiesWith(request, oldSecret), "the old secret does not verify during the overlap");
        Assert.True(TestWebhookReceiver.VerifiesWith(request, newSecret), "the new secret does not verify");

        // Without an overlap the old secret stops signing at once.
        var (_, again) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/destinations/{destination.Id()}/rotate-secret?overlapHours=0");
        await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/destinations/{destination.Id()}/test");
        var last = Receiver.At(endpoint)[^1];
        Assert.Single(last.Signature.Split(' '));
        Assert.True(TestWebhookReceiver.VerifiesWith(last, again.GetProperty("secret").GetString()!));
        Assert.False(TestWebhookReceiver.VerifiesWith(last, newSecret));
    }

    [Fact]
    public async Task Replaying_a_delivery_sends_it_again_with_its_webhook_id_and_a_410_switches_the_destination_off()
    {
        using var admin = app.AdminApi();
        var (sourceId, key) = await app.SourceAsync();
        var endpoint = Endpoint();
        var (destination, secret) = await admin.CreateDestinationAsync(EventsTo(endpoint, sourceId));
        Receiver.Trust(endpoint, secret);
        using var sdk = app.Sdk(key);
        await sdk.SendBatchAsync([new { type = "track", userId = "replay-user", @event = "Order Completed" }]);
        var first = (await Eventually.UntilAsync(() => Task.FromResult(Receiver.At(endpoint)), r => r.Count == 1, "the first delivery", cancellationToken: Ct))[0];
        var delivery = await Eventually.UntilAsync(async () => (await admin.DeliveriesAsync(destination.Id())).Single(), d => d.GetProperty("status").GetString() == "delivered",
            "the delivery recorded", cancellationToken: Ct);

        var (replayed, _) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/destinations/{destination.Id()}/deliveries/{delivery.GetProperty("id").GetInt64()}/replay");
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        var again = await Eventually.UntilAsync(() => Task.FromResult(Receiver.At(endpoint)), r => r.Count == 2, "the replay", cancellationToken: Ct);
        Assert.Equal(first.WebhookId, again[1].WebhookId);
        Assert.Equal(first.Body, again[1].Body);

        Receiver.AlwaysAnswer(endpoint, new WebhookAnswer(410));
        await sdk.SendBatchAsync([new { type = "track", userId = "replay-user", @event = "Order Completed" }]);
        var off = await Eventually.UntilAsync(async () => (await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/destinations/{destination.Id()}")).Body,
            d => !d.GetProperty("enabled").GetBoolean(), "the destination switched off by the 410", cancellationToken: Ct);
        Assert.Contains("410", off.GetProperty("disabledReason").GetString());
    }

    [Fact]
    public async Task A_destination_failing_for_five_days_is_switched_off_and_its_managers_are_told()
    {
        using var admin = app.AdminApi();
        var (sourceId, key) = await app.SourceAsync();
        var endpoint = Endpoint();
        var (destination, _) = await admin.CreateDestinationAsync(EventsTo(endpoint, sourceId));
        Receiver.AlwaysAnswer(endpoint, new WebhookAnswer(500));
        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(Ct);
        await using (var failing = new NpgsqlCommand("UPDATE cdp_destinations SET failing_since = now() - interval '5 days 1 minute' WHERE id = @id", connection))
        {
            failing.Parameters.AddWithValue("id", Guid.Parse(destination.Id()));
            await failing.ExecuteNonQueryAsync(Ct);
        }

        using var sdk = app.Sdk(key);
        await sdk.SendBatchAsync([new { type = "track", userId = "failing-user", @event = "Order Completed" }]);

        var off = await Eventually.UntilAsync(async () => (await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/destinations/{destination.Id()}")).Body,
            d => !d.GetProperty("enabled").GetBoolean(), "the destination switched off after five days of failures", cancellationToken: Ct);
        Assert.Contains("5 days", off.GetProperty("disabledReason").GetString());
        // The alert is written just after the attempt that switched the destination off: waited for, not assumed.
        await Eventually.UntilAsync(
            async () =>
            {
                await using var told = new NpgsqlCommand("""
                    SELECT (SELECT count(*) FROM platform_notifications WHERE kind = 'destination_disabled' AND link = @link),
                           (SELECT count(*) FROM admin_audit_log WHERE record_type = 'destination' AND record_id = @id AND summary LIKE 'Disabled %')
                    """, connection);
                told.Parameters.AddWithValue("link", $"/cdp/destinations/{destination.Id()}");
                told.Parameters.AddWithValue("id", destination.Id());
                await using var reader = await told.ExecuteReaderAsync(Ct);
                await reader.ReadAsync(Ct);
                return (Notified: reader.GetInt64(0), Audited: reader.GetInt64(1));
            },
            told => told.Notified >= 1 && told.Audited == 1, "the managers notified and the switch-off audited once", cancellationToken: Ct);
    }

    [Fact]
    public async Task The_retention_job_forgets_old_delivered_deliveries_and_keeps_recent_and_waiting_ones()
    {
        using var admin = app.AdminApi();
        var endpoint = Endpoint();
        var (destination, _) = await admin.CreateDestinationAsync(new { name = CrmApi.Unique("Retained "), type = "webhook", url = Receiver.Url(endpoint) });
        for (var test = 0; test < 2; test++)
        {
            var (tested, _) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/destinations/{destination.Id()}/test");
            Assert.Equal(HttpStatusCode.OK, tested.StatusCode);
        }

        var sent = await admin.DeliveriesAsync(destination.Id());
        var (old, recent) = (sent[1].GetProperty("id").GetInt64(), sent[0].GetProperty("id").GetInt64());
        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(Ct);
        await using (var age = new NpgsqlCommand("""
            UPDATE cdp_deliveries SET created_at = now() - interval '40 days' WHERE id = @old;
            INSERT INTO cdp_deliveries (destination_id, webhook_id, kind, payload, event_count, status, attempts, next_attempt_at, created_at)
            VALUES (@destination, 'msg_w' || left(md5(random()::text), 30), 'event', '{}', 1, 'retrying', 3, now() + interval '1 day', now() - interval '40 days');
            """, connection))
        {
            age.Parameters.AddWithValue("old", old);
            age.Parameters.AddWithValue("destination", Guid.Parse(destination.Id()));
            await age.ExecuteNonQueryAsync(Ct);
        }

        Assert.True(await app.Factory.Services.GetRequiredService<DeliveryRetentionJob>().RunAsync(Ct) >= 1);
        var kept = await admin.DeliveriesAsync(destination.Id());
        Assert.DoesNotContain(kept, d => d.GetProperty("id").GetInt64() == old);
        Assert.Contains(kept, d => d.GetProperty("id").GetInt64() == recent);
        Assert.Contains(kept, d => d.GetProperty("status").GetString() == "retrying");
    }

    [Fact]
    public async Task Crm_facts_go_to_the_destinations_subscribed_to_their_type()
    {
        using var admin = app.AdminApi();
        var endpoint = Endpoint();
        var (_, secret) = await admin.CreateDestinationAsync(new
        {
            name = CrmApi.Unique("CRM facts "),
            type = "webhook",
            url = Receiver.Url(endpoint),
            subscriptions = new { crmFacts = new[] { "contact.created", "deal.won" } },
        });
        Receiver.Trust(endpoint, secret);
        var contact = await CrmApi.CreateContactAsync(admin, new { firstName = "Fox", lastName = "Mulder", email = $"fox-{Guid.NewGuid():N}@example.com" });
        var pipelines = await admin.GetFromJsonAsync<JsonElement>("/api/v1/pipelines", Ct);
        var pipeline = pipelines.EnumerateArray().First(p => p.GetProperty("name").GetString() == "Sales");
        var (_, deal) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/deals",
            new { name = CrmApi.Unique("Won "), amount = 900m, pipelineId = pipeline.Id(), stageId = pipeline.GetProperty("stages")[0].Id(), contactIds = new[] { contact.Id() } });
        var (moved, _) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/deals/{deal.Id()}/move", new { outcome = "won", amount = 900m });
        Assert.True(moved.IsSuccessStatusCode);

        var received = await Eventually.UntilAsync(() => Task.FromResult(Receiver.At(endpoint)), r => r.Count >= 2, "the contact and the won deal", cancellationToken: Ct);
        var byType = received.ToDictionary(r => r.Json.GetProperty("type").GetString()!, r => r.Json);
        Assert.Equal(contact.Id(), byType["crm.contact.created"].GetProperty("recordId").GetString());
        Assert.Equal(deal.Id(), byType["crm.deal.won"].GetProperty("recordId").GetString());
        Assert.Equal(contact.Id(), byType["crm.deal.won"].GetProperty("contactIds")[0].GetString());
        Assert.All(received, r => Assert.True(r.Verified));
        // The deal's creation was not subscribed to.
        Assert.Equal(2, Receiver.At(endpoint).Count);
    }

    [Fact]
    public async Task A_contact_made_by_a_web_form_is_forwarded_as_created()
    {
        using var admin = app.AdminApi();
        var endpoint = Endpoint();
        await admin.CreateDestinationAsync(new { name = CrmApi.Unique("Form contacts "), type = "webhook", url = Receiver.Url(endpoint), subscriptions = new { crmFacts = new[] { "contact.created" } } });
        var form = await FormApi.CreateFormAsync(admin);
        using var visitor = app.Factory.CreateClient();
        var email = $"form-{Guid.NewGuid():N}@example.com";
        var (status, _) = await FormApi.SubmitJsonAsync(visitor, form.Key(), new Dictionary<string, object> { ["email"] = email, ["first_name"] = "Dana" });
        Assert.True((int)status < 300, status.ToString());

        var fact = (await Eventually.UntilAsync(() => Task.FromResult(Receiver.At(endpoint)), r => r.Count == 1, "the form's contact forwarded", cancellationToken: Ct))[0].Json;
        var contact = (await FormApi.ContactsWithEmailAsync(admin, email)).Single();
        Assert.Equal("crm.contact.created", fact.GetProperty("type").GetString());
        Assert.Equal(contact.Id(), fact.GetProperty("recordId").GetString());
    }

    [Fact]
    public async Task Bad_destinations_are_refused_naming_the_field()
    {
        using var admin = app.AdminApi();
        foreach (var (body, field) in new (object Body, string Field)[]
        {
            (new { name = "", type = "webhook", url = Receiver.Url("x") }, "name"),
            (new { name = "Ftp", type = "webhook", url = "ftp://example.com/x" }, "url"),
            (new { name = "Kind", type = "email", url = Receiver.Url("x") }, "type"),
            (new { name = "Batch", type = "webhook", url = Receiver.Url("x"), batchSize = 0 }, "batchSize"),
            (new { name = "Header", type = "webhook", url = Receiver.Url("x"), headers = new Dictionary<string, string> { ["webhook-signature"] = "forged" } }, "headers"),
            (new { name = "Types", type = "webhook", url = Receiver.Url("x"), subscriptions = new { eventTypes = new[] { "purchase" } } }, "subscriptions.eventTypes"),
            (new { name = "Segments", type = "webhook", url = Receiver.Url("x"), subscriptions = new { segmentIds = new[] { Guid.NewGuid() } } }, "subscriptions.segmentIds"),
        })
        {
            var (response, problem) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/destinations", body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: {response.StatusCode} {problem}");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field} not named in {problem}");
        }

        var (notFound, _) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/destinations/{Guid.NewGuid()}/deliveries?cursor=abc");
        Assert.Equal(HttpStatusCode.BadRequest, notFound.StatusCode);
        var (destination, _) = await admin.CreateDestinationAsync(new { name = CrmApi.Unique("Hostile "), type = "webhook", url = Receiver.Url("x") });
        foreach (var (path, field) in new[]
        {
            ($"/api/v1/destinations/{destination.Id()}/rotate-secret?overlapHours=2147483647", "overlapHours"),
            ($"/api/v1/destinations/{destination.Id()}/rotate-secret?overlapHours=-1", "overlapHours"),
            ($"/api/v1/destinations/{destination.Id()}/replay?from=2026-12-02&to=2026-12-01", "to"),
        })
        {
            var (response, problem) = await CrmApi.SendAsync(admin, HttpMethod.Post, path);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {response.StatusCode} {problem}");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field} not named in {problem}");
        }

        foreach (var path in new[] { "deliveries?limit=99999999999", "deliveries?limit=0", "replay?from=yesterday&to=today" })
        {
            var (response, problem) = await CrmApi.SendAsync(admin, path.StartsWith("replay", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get,
                $"/api/v1/destinations/{destination.Id()}/{path}");
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {response.StatusCode} {problem}");
        }
    }

    private static string Endpoint() => "hook-" + Guid.NewGuid().ToString("N")[..10];

    private object EventsTo(string endpoint, string sourceId) => new
    {
        name = CrmApi.Unique("Webhook "),
        type = "webhook",
        url = Receiver.Url(endpoint),
        subscriptions = new { sourceIds = new[] { Guid.Parse(sourceId) }, eventTypes = new[] { "track" } },
    };
}
