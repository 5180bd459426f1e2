using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

public sealed class DealReportsTests(BrowserApp app)
{
    [Fact]
    public async Task A_manager_sees_the_forecast_chart_and_table()
    {
        var email = await app.CreateUserAsync(BuiltInRoles.SalesManager);
        using var api = await app.ApiClientForAsync(email, BuiltInRoles.SalesManager);
        var pipelines = await api.GetFromJsonAsync<JsonElement>("/api/v1/pipelines", TestContext.Current.CancellationToken);
        var pipeline = pipelines.EnumerateArray().First(p => p.GetProperty("name").GetString() == "Sales");
        var close = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using (await api.PostAsJsonAsync("/api/v1/deals", new { name = "Forecasted", amount = 10_000m, pipelineId = pipeline.GetProperty("id").GetString(), expectedCloseDate = close },
                   TestContext.Current.CancellationToken))
        {
        }

        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, email, AppFixture.TestPassword);
        await page.GotoAsync("/crm/deals/reports");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await Assertions.Expect(page.GetByTestId("forecast-table").GetByRole(AriaRole.Cell, new() { Name = email })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("svg.mud-chart-bar").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "deal-reports");
        Assert.Empty(app.ConsoleErrorsOf(page));
    }

    [Fact]
    public async Task A_rep_sees_what_they_won_this_month_against_the_forecast()
    {
        var email = await app.CreateUserAsync(BuiltInRoles.SalesRep);
        using var api = await app.ApiClientForAsync(email, BuiltInRoles.SalesRep);
        var pipelines = await api.GetFromJsonAsync<JsonElement>("/api/v1/pipelines", TestContext.Current.CancellationToken);
        var pipeline = pipelines.EnumerateArray().First(p => p.GetProperty("name").GetString() == "Sales").GetProperty("id").GetString();
        using var created = await api.PostAsJsonAsync("/api/v1/deals", new { name = "Won this month", amount = 4321m, pipelineId = pipeline }, TestContext.Current.CancellationToken);
        var deal = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString();
        using (var won = await api.PostAsJsonAsync($"/api/v1/deals/{deal}/move", new { outcome = "won", amount = 4321m }, TestContext.Current.CancellationToken))
        {
            won.EnsureSuccessStatusCode();
        }

        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, email, AppFixture.TestPassword);
        await page.GotoAsync("/crm/deals/reports");

        await Assertions.Expect(page.GetByTestId("forecast-won-total")).ToContainTextAsync("4,321");
        await Assertions.Expect(page.GetByTestId("forecast-table")).ToContainTextAsync("4,321");
        await Assertions.Expect(page.GetByTestId("conversion-empty").Or(page.Locator("svg.mud-chart-bar"))).Not.ToHaveCountAsync(0);
        Assert.Empty(app.ConsoleErrorsOf(page));
    }
}
