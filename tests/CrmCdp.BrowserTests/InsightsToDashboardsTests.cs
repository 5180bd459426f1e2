using System.Net.Http.Json;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

public sealed class InsightsToDashboardsTests(BrowserApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_marketer_keeps_a_funnel_steps_dropped_people_as_a_segment()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (viewed, carted, bought) = ($"Viewed {suffix}", $"Carted {suffix}", $"Bought {suffix}");
        var key = await app.CreateSourceKeyAsync($"Funnel {suffix}");
        var now = DateTimeOffset.UtcNow.AddMinutes(-30);
        object Track(string user, string name, int minute) => new { type = "track", userId = $"{user}-{suffix}", @event = name, timestamp = now.AddMinutes(minute) };
        await app.SendBatchAsync(key,
            Track("u1", viewed, 0), Track("u1", carted, 1), Track("u1", bought, 2),
            Track("u2", viewed, 0), Track("u2", carted, 1),
            Track("u3", viewed, 0),
            Track("u4", viewed, 0));
        foreach (var (user, events) in new[] { ("u1", 3L), ("u2", 2L), ("u3", 1L), ("u4", 1L) })
        {
            await app.ProfileWhenAsync("user_id", $"{user}-{suffix}", p => p.GetProperty("eventCount").GetInt64() == events);
        }

        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, await app.CreateUserAsync(BuiltInRoles.Marketer), AppFixture.TestPassword);
        await page.GetByTestId("nav-insights").ClickAsync();
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByRole(AriaRole.Tab, new() { Name = "Funnel" }).ClickAsync();
        await page.GetByTestId("funnel-step-0").FillAsync(viewed);
        await page.GetByTestId("funnel-step-1").FillAsync(carted);
        await page.GetByTestId("funnel-add-step").ClickAsync();
        await page.GetByTestId("funnel-step-2").FillAsync(bought);
        await page.GetByTestId("show-funnel").ClickAsync();
        await Assertions.Expect(page.GetByTestId("funnel-chart")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("funnel-converted-2")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("funnel-dropped-1")).ToHaveTextAsync("2");

        await page.GetByTestId("funnel-dropped-1").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByTestId("funnel-person")).ToHaveCountAsync(2);
        await Assertions.Expect(dialog.GetByTestId("funnel-people")).ToContainTextAsync($"u3-{suffix}");
        await Assertions.Expect(dialog.GetByTestId("funnel-people")).ToContainTextAsync($"u4-{suffix}");
        await dialog.GetByTestId("funnel-segment-name").FillAsync($"Carted nothing {suffix}");
        await dialog.GetByTestId("funnel-make-segment").ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("funnel-segment-saved")).ToContainTextAsync("2 people");
        await Screenshots.SaveAsync(page, "insights-funnel-people");

        await dialog.GetByTestId("funnel-segment-saved").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByTestId("segment-static")).ToContainTextAsync("2 people");
    }

    [Fact]
    public async Task An_admin_sets_a_quota_and_the_sales_manager_sees_the_team_against_it_on_the_home_page()
    {
        var managerEmail = await app.CreateUserAsync(BuiltInRoles.SalesManager);
        var repEmail = await app.CreateUserAsync(BuiltInRoles.SalesRep);
        await app.CreateTeamAsync($"Quota team {Guid.NewGuid():N}", await app.UserIdAsync(managerEmail), await app.UserIdAsync(repEmail));
        using var rep = await app.ApiClientForAsync(repEmail, BuiltInRoles.SalesRep);
        using var created = await rep.PostAsJsonAsync("/api/v1/deals", new
        {
            name = "Quota deal",
            amount = 2500m,
            pipelineId = "0193a000-0000-7000-8000-000000000001",
            stageId = "0193a000-0000-7000-8000-000000000011",
        }, Ct);
        var deal = await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct);
        using var won = await rep.PostAsJsonAsync($"/api/v1/deals/{deal.GetProperty("id").GetString()}/move", new { outcome = "won", amount = 2500m }, Ct);
        won.EnsureSuccessStatusCode();

        var admin = await app.NewPageAsync();
        await ShellTests.SignInAsync(admin, CrmCdpAppFactory.AdminEmail, CrmCdpAppFactory.AdminPassword);
        await admin.GetByTestId("nav-quotas").ClickAsync();
        await admin.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await admin.GetByTestId($"quota-{repEmail}").FillAsync("10000");
        await admin.GetByTestId($"quota-{repEmail}").PressAsync("Tab");
        await admin.GetByTestId("save-quotas").ClickAsync();
        await Assertions.Expect(admin.GetByText("Saved 1 quota(s).")).ToBeVisibleAsync();

        var manager = await app.NewPageAsync();
        await ShellTests.SignInAsync(manager, managerEmail, AppFixture.TestPassword);
        await Assertions.Expect(manager.GetByRole(AriaRole.Tab, new() { Name = "Team sales" })).ToHaveAttributeAsync("aria-selected", "true");
        var row = manager.GetByTestId("quota-row").Filter(new() { HasText = repEmail });
        await Assertions.Expect(row).ToContainTextAsync("10,000");
        await Assertions.Expect(row).ToContainTextAsync("2,500");
        await Assertions.Expect(row).ToContainTextAsync("25 %");
        await Screenshots.SaveAsync(manager, "home-team-sales");
    }

    [Fact]
    public async Task Each_role_lands_on_its_dashboard_and_the_live_view_shows_an_event_as_it_arrives()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var marketer = await app.NewPageAsync();
        await ShellTests.SignInAsync(marketer, await app.CreateUserAsync(BuiltInRoles.Marketer), AppFixture.TestPassword);
        await Assertions.Expect(marketer.GetByRole(AriaRole.Tab, new() { Name = "Marketing" })).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(marketer.GetByTestId("marketer-dashboard")).ToBeVisibleAsync();
        await Assertions.Expect(marketer.GetByTestId("marketing-performance")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(marketer, "home-marketing");

        await marketer.GetByTestId("nav-insights").ClickAsync();
        await marketer.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await marketer.GetByRole(AriaRole.Tab, new() { Name = "Live" }).ClickAsync();
        await Assertions.Expect(marketer.GetByTestId("live-chart")).ToBeVisibleAsync();
        await app.SendBatchAsync(await app.CreateSourceKeyAsync($"Live {suffix}"), new { type = "track", userId = $"live-{suffix}", @event = $"Live {suffix}" });
        await Assertions.Expect(marketer.GetByTestId("live-event").Filter(new() { HasText = $"Live {suffix}" })).ToHaveCountAsync(1);

        var agent = await app.NewPageAsync();
        await ShellTests.SignInAsync(agent, await app.CreateUserAsync(BuiltInRoles.SupportAgent), AppFixture.TestPassword);
        await Assertions.Expect(agent.GetByRole(AriaRole.Tab, new() { Name = "Support" })).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(agent.GetByTestId("support-dashboard")).ToBeVisibleAsync();

        var admin = await app.NewPageAsync();
        await ShellTests.SignInAsync(admin, CrmCdpAppFactory.AdminEmail, CrmCdpAppFactory.AdminPassword);
        await Assertions.Expect(admin.GetByRole(AriaRole.Tab, new() { Name = "System" })).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(admin.GetByTestId("ingestion-health")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByTestId("database-size")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(admin, "home-system");
    }

    [Fact]
    public async Task A_marketer_saves_a_trend_to_a_new_dashboard_and_finds_it_answered_there()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var signup = $"Joined {suffix}";
        await app.SendBatchAsync(await app.CreateSourceKeyAsync($"Dash {suffix}"),
            new { type = "track", userId = $"j1-{suffix}", @event = signup }, new { type = "track", userId = $"j2-{suffix}", @event = signup });
        await app.ProfileWhenAsync("user_id", $"j2-{suffix}", p => p.GetProperty("eventCount").GetInt64() == 1);

        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, await app.CreateUserAsync(BuiltInRoles.Marketer), AppFixture.TestPassword);
        await page.GetByTestId("nav-insights").ClickAsync();
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByTestId("trend-event").FillAsync(signup);
        await page.GetByTestId("show-trend").ClickAsync();
        await Assertions.Expect(page.GetByTestId("trend-table").Locator("tbody td").Nth(1)).ToHaveTextAsync("2");
        await page.GetByTestId("save-trend").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByTestId("new-dashboard-name").FillAsync($"Growth {suffix}");
        await dialog.GetByTestId("save-tile").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);

        await page.GetByTestId("nav-dashboards").ClickAsync();
        await page.GetByTestId("dashboard-link").Filter(new() { HasText = $"Growth {suffix}" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("dashboard-tile")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("tile-number")).ToContainTextAsync($"{signup}: 2");
        await Screenshots.SaveAsync(page, "dashboard");
    }
}
