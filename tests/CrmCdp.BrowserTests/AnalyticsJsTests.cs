using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.TestSupport;
using Microsoft.Playwright;
using Npgsql;

namespace CrmCdp.BrowserTests;

/// <summary>
/// The published analytics.js (@segment/analytics-next, its standalone build as the Segment snippet loads it) on a
/// customer's site, with CrmCdp as its CDN (settings) and its only destination. Nothing leaves the machine: the site
/// and the script files are answered by Playwright, everything else goes to the app or is refused.
/// </summary>
public sealed class AnalyticsJsTests(BrowserApp app)
{
    private const string Shop = "http://shop.localhost";

    [Fact]
    public async Task Analytics_js_on_a_customer_site_sends_page_views_and_a_link_click_that_are_stored_with_one_anonymous_id()
    {
        var (sourceId, writeKey) = await CreateSourceAsync();
        var cdn = app.BaseAddress.ToString().TrimEnd('/');
        var page = await app.NewPageAsync();
        var leaving = await CustomerSite.RouteAsync(app, page, Shop, path => ShopPage(path, writeKey, cdn));

        await page.GotoAsync($"{Shop}/pricing?plan=pro");
        await Assertions.Expect(page.GetByTestId("analytics-ready")).ToBeAttachedAsync();
        await page.GetByTestId("buy").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{Shop}/thanks");
        await Assertions.Expect(page.GetByTestId("analytics-ready")).ToBeAttachedAsync();
        var rows = await WaitForEventsAsync(sourceId, 3);

        Assert.Empty(leaving);
        // trackLink waits at most 300 ms for the call before following the link and logs "Promise timed out" when a loaded
        // machine answers later; the click is still delivered (asserted below), so only that message is tolerated.
        Assert.DoesNotContain(app.ConsoleErrorsOf(page), e => !e.Contains("Promise timed out", StringComparison.Ordinal));
        Assert.Equal(["page", "track", "page"], rows.Select(r => r.Type));
        var (pricing, click, thanks) = (rows[0], rows[1], rows[2]);
        Assert.Equal("/pricing", pricing.Payload.GetProperty("context").GetProperty("page").GetProperty("path").GetString());
        Assert.Equal($"{Shop}/pricing?plan=pro", pricing.Payload.GetProperty("context").GetProperty("page").GetProperty("url").GetString());
        Assert.Equal("Pricing – Shop", pricing.Payload.GetProperty("properties").GetProperty("title").GetString());
        Assert.Equal("Clicked Buy", click.Event);
        Assert.Equal("pro", click.Payload.GetProperty("properties").GetProperty("plan").GetString());
        Assert.Equal($"{Shop}/pricing?plan=pro", click.Payload.GetProperty("context").GetProperty("page").GetProperty("url").GetString());
        Assert.Equal("/thanks", thanks.Payload.GetProperty("context").GetProperty("page").GetProperty("path").GetString());
        Assert.Equal($"{Shop}/pricing?plan=pro", thanks.Payload.GetProperty("context").GetProperty("page").GetProperty("referrer").GetString());
        Assert.All(rows, r => Assert.Equal("analytics.js", r.Payload.GetProperty("context").GetProperty("library").GetProperty("name").GetString()));
        Assert.All(rows, r => Assert.Null(r.UserId));
        Assert.False(string.IsNullOrEmpty(pricing.AnonymousId));
        Assert.All(rows, r => Assert.Equal(pricing.AnonymousId, r.AnonymousId));
        // The event time is the client's, corrected for its clock: never after it arrived, and only as much before as
        // analytics.js held it (a click cut off by the navigation is re-sent from its stored queue on the next page).
        Assert.All(rows, r => Assert.InRange(r.Timestamp, r.ReceivedAt.AddSeconds(-60), r.ReceivedAt.AddSeconds(1)));
        Assert.Equal(3, rows.Select(r => r.MessageId).Distinct().Count());
    }

    /// <summary>A page of the shop: the Segment snippet (as Segment gives it out, with this app as the CDN), and a link whose clicks are tracked.</summary>
    private static string ShopPage(string path, string writeKey, string cdn) => $$"""
        <!doctype html>
        <html>
        <head>
          <meta charset="utf-8">
          <title>{{(path == "/thanks" ? "Thanks" : "Pricing")}} – Shop</title>
          {{CustomerSite.SegmentSnippet(writeKey, cdn)}}
        </head>
        <body>
          <main>
            <a data-testid="buy" id="buy" href="/thanks">Buy the pro plan</a>
          </main>
          <script>
            analytics.trackLink(document.getElementById("buy"), "Clicked Buy", { plan: "pro" });
          </script>
          {{CustomerSite.ReadyMarker}}
        </body>
        </html>
        """;

    private async Task<(Guid Id, string WriteKey)> CreateSourceAsync()
    {
        using var admin = app.AdminApi();
        using var response = await admin.PostAsJsonAsync("/api/v1/sources", new { name = $"Shop {Guid.NewGuid():N}", type = "website" }, TestContext.Current.CancellationToken);
        var source = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"Creating a source answered {(int)response.StatusCode}: {source}");
        return (source.GetProperty("id").GetGuid(), source.GetProperty("writeKey").GetString()!);
    }

    /// <summary>The source's events once there are at least <paramref name="count"/> (analytics.js sends in the background).</summary>
    private Task<List<Row>> WaitForEventsAsync(Guid sourceId, int count) =>
        Eventually.UntilAsync(() => StoredAsync(sourceId), rows => rows.Count >= count, $"{count} events from analytics.js",
            cancellationToken: TestContext.Current.CancellationToken);

    private async Task<List<Row>> StoredAsync(Guid sourceId)
    {
        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT message_id, type, event, user_id, anonymous_id, "timestamp", received_at, payload::text
            FROM cdp_events WHERE source_id = @source ORDER BY "timestamp", id
            """, connection);
        command.Parameters.AddWithValue("source", sourceId);
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            rows.Add(new Row(reader.GetString(0), reader.GetString(1), Text(2), Text(3), Text(4), reader.GetDateTime(5), reader.GetDateTime(6),
                JsonSerializer.Deserialize<JsonElement>(reader.GetString(7))));
        }

        return rows;
    }

    private sealed record Row(string MessageId, string Type, string? Event, string? UserId, string? AnonymousId, DateTime Timestamp, DateTime ReceivedAt, JsonElement Payload);
}
