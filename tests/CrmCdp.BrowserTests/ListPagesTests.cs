using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

/// <summary>The shared list building block (toolbar, saved views, columns, bulk bar) on the deals list and the ticket queue.</summary>
public sealed class ListPagesTests(BrowserApp app)
{
    [Fact]
    public async Task A_manager_hands_selected_deals_to_a_rep_from_the_deals_list()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var rep = await app.CreateUserAsync(BuiltInRoles.SalesRep);
        var repId = await app.UserIdAsync(rep);
        var ids = new List<string>();
        using var api = app.AdminApi();
        var pipelines = await api.GetFromJsonAsync<JsonElement>("/api/v1/pipelines", TestContext.Current.CancellationToken);
        var sales = pipelines.EnumerateArray().First(p => p.GetProperty("name").GetString() == "Sales").GetProperty("id").GetString();
        foreach (var name in new[] { $"Renewal {suffix}", $"Upsell {suffix}" })
        {
            using var created = await api.PostAsJsonAsync("/api/v1/deals", new { name, amount = 500m, pipelineId = sales }, TestContext.Current.CancellationToken);
            created.EnsureSuccessStatusCode();
            ids.Add((await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!);
        }

        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, CrmCdpAppFactory.AdminEmail, CrmCdpAppFactory.AdminPassword);
        await page.GotoAsync("/crm/deals/list");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByTestId("deal-search").FillAsync(suffix);
        await Assertions.Expect(page.GetByTestId("deal-count")).ToHaveTextAsync("2 deals");

        await page.GetByTestId("choose-columns").ClickAsync();
        await page.GetByTestId("column-chooser").GetByLabel("Days in stage").CheckAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Days in stage" })).ToBeVisibleAsync();

        await page.Locator("[data-testid=deals-table] thead input[type=checkbox]").CheckAsync();
        await Assertions.Expect(page.GetByTestId("bulk-bar")).ToContainTextAsync("2 selected");
        await page.GetByTestId("bulk-owner").ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = rep }).ClickAsync();
        await Assertions.Expect(page.GetByText("Updated 2 deals.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("bulk-bar")).ToHaveCountAsync(0);
        foreach (var id in ids)
        {
            var deal = await api.GetFromJsonAsync<JsonElement>($"/api/v1/deals/{id}", TestContext.Current.CancellationToken);
            Assert.Equal(repId.ToString(), deal.GetProperty("ownerId").GetString());
        }

        Assert.Empty(app.ConsoleErrorsOf(page));
    }

    [Fact]
    public async Task An_agent_takes_an_unassigned_ticket_and_keeps_the_queue_as_a_saved_view()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var subject = $"Printer on fire {suffix}";
        var agent = await app.CreateUserAsync(BuiltInRoles.SupportAgent);
        using (var admin = app.AdminApi())
        {
            using var created = await admin.PostAsJsonAsync("/api/v1/tickets", new { subject, priority = "normal" }, TestContext.Current.CancellationToken);
            created.EnsureSuccessStatusCode();
        }

        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, agent, AppFixture.TestPassword);
        await page.GotoAsync("/crm/tickets");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await ShellTests.SelectTabAsync(page, "Unassigned");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = subject });
        await row.Locator("input[type=checkbox]").CheckAsync();
        await Assertions.Expect(page.GetByTestId("ticket-bulk-bar")).ToContainTextAsync("1 selected");
        await page.GetByTestId("assign-to-me").ClickAsync();
        await Assertions.Expect(page.GetByText("Updated 1 tickets.")).ToBeVisibleAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);

        await ShellTests.SelectTabAsync(page, "My open tickets");
        await Assertions.Expect(row).ToContainTextAsync(agent);
        await page.GetByTestId("views-menu").ClickAsync();
        await page.GetByTestId("save-current-view").ClickAsync();
        await page.GetByTestId("view-name").FillAsync($"Mine {suffix}");
        await page.GetByTestId("save-view").ClickAsync();
        await Assertions.Expect(page.GetByText($"View “Mine {suffix}” saved.")).ToBeVisibleAsync();

        await page.ReloadAsync();
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await ShellTests.SelectTabAsync(page, "All");
        await OpenViewAsync(page, $"Mine {suffix}");
        await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "My open tickets" })).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(row).ToContainTextAsync(agent);
        await Screenshots.SaveAsync(page, "ticket-queue");
        Assert.Empty(app.ConsoleErrorsOf(page));
    }

    /// <summary>
    /// Opens the views menu and picks a view. The tab click re-renders the toolbar (the filter goes into the address), and a
    /// menu opened during that render closes with it: open it again until the view is offered.
    /// </summary>
    private static async Task OpenViewAsync(IPage page, string name)
    {
        var item = page.GetByRole(AriaRole.Menuitem, new() { Name = name });
        for (var attempt = 0; attempt < 5 && !await item.IsVisibleAsync(); attempt++)
        {
            await page.GetByTestId("views-menu").ClickAsync();
            try
            {
                await item.WaitForAsync(new() { Timeout = 3_000 });
            }
            catch (TimeoutException)
            {
                await page.Keyboard.PressAsync("Escape");
            }
        }

        await item.ClickAsync();
    }
}
