using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using CrmCdp.TestSupport;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

public sealed class SourceToolsTests(BrowserApp app)
{
    private async Task<(string Id, string Key)> CreateSourceAsync(string name)
    {
        using var admin = app.AdminApi();
        using var created = await admin.PostAsJsonAsync("/api/v1/sources", new { name, type = "website" }, TestContext.Current.CancellationToken);
        var body = await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(TestContext.Current.CancellationToken);
        return (body.GetProperty("id").GetString()!, body.GetProperty("writeKey").GetString()!);
    }

    private HttpClient Sdk(string key)
    {
        var client = app.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":")));
        return client;
    }

    [Fact]
    public async Task A_marketer_plans_an_event_and_watches_calls_arrive_in_the_live_debugger()
    {
        var name = $"Shop {Guid.NewGuid().ToString("N")[..6]}";
        var (sourceId, key) = await CreateSourceAsync(name);
        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, CrmCdpAppFactory.AdminEmail, CrmCdpAppFactory.AdminPassword);
        await page.GotoAsync("/cdp/sources");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = name }).GetByTestId("open-plan").ClickAsync();

        await Assertions.Expect(page.GetByTestId("plan-empty")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Block the event (dropped and counted)" }).CheckAsync();
        await page.GetByTestId("add-rule").ClickAsync();
        await page.GetByTestId("rule-event").FillAsync("Order Completed");
        await page.GetByTestId("rule-schema").FillAsync("{\"type\": \"object\", \"required\": [\"total\"");
        await page.GetByTestId("save-plan").ClickAsync();
        await Assertions.Expect(page.GetByText("The schema is not valid JSON", new() { Exact = false })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "tracking-plan-invalid-schema");

        await page.GetByTestId("rule-schema").FillAsync("{\"type\": \"object\", \"required\": [\"total\"]}");
        await page.GetByTestId("save-plan").ClickAsync();
        await Assertions.Expect(page.GetByTestId("plan-message")).ToContainTextAsync("Saved: 1 rules");

        await page.GetByText("Open the live debugger").ClickAsync();
        await Assertions.Expect(page.GetByTestId("debugger-empty")).ToBeVisibleAsync();
        using (var sdk = Sdk(key))
        {
            using var sent = await sdk.PostAsJsonAsync("/v1/batch", new
            {
                batch = new object[]
                {
                    new { type = "track", userId = "u-7", @event = "Order Completed", properties = new { total = 12 } },
                    new { type = "track", userId = "u-7", @event = "Order Completed", properties = new { coupon = "X" } },
                    new { type = "track", @event = "No Ids" },
                },
            }, TestContext.Current.CancellationToken);
            Assert.True(sent.IsSuccessStatusCode);
        }

        var statuses = page.GetByTestId("entry-status");
        await Assertions.Expect(statuses).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("debugger-table")).ToContainTextAsync("blocked");
        await Assertions.Expect(page.GetByTestId("debugger-table")).ToContainTextAsync("rejected");
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "blocked" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("entry-detail")).ToContainTextAsync("total");
        await Assertions.Expect(page.GetByTestId("entry-payload")).ToContainTextAsync("coupon");
        await Screenshots.SaveAsync(page, "source-debugger");

        await page.GetByTestId("pause").ClickAsync();
        await Assertions.Expect(page.GetByTestId("debugger-state")).ToHaveTextAsync("Paused");
        using (var sdk = Sdk(key))
        {
            using var sent = await sdk.PostAsJsonAsync("/v1/track", new { userId = "u-8", @event = "Order Completed", properties = new { total = 1 } }, TestContext.Current.CancellationToken);
            Assert.True(sent.IsSuccessStatusCode);
        }

        await page.WaitForTimeoutAsync(1500);
        await Assertions.Expect(statuses).ToHaveCountAsync(3);
        await page.GetByTestId("pause").ClickAsync();
        await Assertions.Expect(statuses).ToHaveCountAsync(4);
        Assert.Empty(app.ConsoleErrorsOf(page));
        Assert.NotEmpty(sourceId);
    }
}
