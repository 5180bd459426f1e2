using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

public sealed class DealBoardTests(BrowserApp app)
{
    [Fact]
    public async Task A_rep_drags_a_deal_to_the_next_stage_and_then_to_lost_giving_a_reason()
    {
        var email = await app.CreateUserAsync(BuiltInRoles.SalesRep);
        using var rep = await app.ApiClientForAsync(email, BuiltInRoles.SalesRep);
        var pipelines = await rep.GetFromJsonAsync<JsonElement>("/api/v1/pipelines", TestContext.Current.CancellationToken);
        var pipeline = pipelines.EnumerateArray().First(p => p.GetProperty("name").GetString() == "Sales");
        var name = $"Drag {Guid.NewGuid().ToString("N")[..6]}";
        using var created = await rep.PostAsJsonAsync("/api/v1/deals", new { name, amount = 1200m, pipelineId = pipeline.GetProperty("id").GetString() }, TestContext.Current.CancellationToken);
        var deal = await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var dealUrl = $"/api/v1/deals/{deal.GetProperty("id").GetString()}";

        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, email, AppFixture.TestPassword);
        await page.GotoAsync("/crm/deals");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var card = page.GetByTestId("deal-card").Filter(new() { HasText = name });
        await Assertions.Expect(card).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "deal-board");

        await card.DragToAsync(page.GetByTestId("column-Meeting scheduled").Locator(".deal-zone"));
        // The count comes from the server after the move, so the board has settled before the next drag.
        await Assertions.Expect(page.GetByTestId("column-Meeting scheduled").GetByTestId("column-count")).ToHaveTextAsync("1 deal");
        await Assertions.Expect(page.GetByTestId("column-Meeting scheduled").GetByTestId("deal-card").Filter(new() { HasText = name })).ToBeVisibleAsync();
        var moved = await rep.GetFromJsonAsync<JsonElement>(dealUrl, TestContext.Current.CancellationToken);
        Assert.Equal("Meeting scheduled", moved.GetProperty("stageName").GetString());

        await page.GetByTestId("deal-card").Filter(new() { HasText = name }).DragToAsync(page.GetByTestId("zone-lost"));
        await page.GetByTestId("confirm-close").ClickAsync();
        await Assertions.Expect(page.GetByText("Choose why the deal was lost.")).ToBeVisibleAsync();
        await page.GetByTestId("lost-reason").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "No budget" }).ClickAsync();
        await page.GetByTestId("confirm-close").ClickAsync();
        await Assertions.Expect(page.GetByText($"“{name}” marked as lost.")).ToBeVisibleAsync();
        // The board reloads from the server after the snackbar; on a 2-core CI machine running both test suites that can take more than 5 s.
        await Assertions.Expect(page.GetByTestId("deal-card").Filter(new() { HasText = name })).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        var lost = await rep.GetFromJsonAsync<JsonElement>(dealUrl, TestContext.Current.CancellationToken);
        Assert.Equal("lost", lost.GetProperty("outcome").GetString());
        Assert.Equal("No budget", lost.GetProperty("lostReason").GetString());
        Assert.Empty(app.ConsoleErrorsOf(page));
    }
}
