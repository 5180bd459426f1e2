using System.Net.Http.Json;
using CrmCdp.TestSupport;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

public sealed class CompaniesListTests(BrowserApp app)
{
    [Fact]
    public async Task A_rep_tags_selected_companies_and_keeps_the_list_as_a_saved_view()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        using (var api = app.AdminApi())
        {
            foreach (var name in new[] { $"Alpha {suffix}", $"Beta {suffix}" })
            {
                using var created = await api.PostAsJsonAsync("/api/v1/companies", new { name, industry = "Software" }, TestContext.Current.CancellationToken);
                created.EnsureSuccessStatusCode();
            }
        }

        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, CrmCdpAppFactory.AdminEmail, CrmCdpAppFactory.AdminPassword);
        await page.GotoAsync("/crm/companies");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByTestId("company-search").FillAsync(suffix);
        await Assertions.Expect(page.GetByTestId("company-count")).ToHaveTextAsync("2 companies");

        await page.Locator("[data-testid=companies-table] thead input[type=checkbox]").CheckAsync();
        await Assertions.Expect(page.GetByTestId("bulk-bar")).ToContainTextAsync("2 selected");
        await page.GetByTestId("bulk-tag").FillAsync($"vip{suffix}");
        await page.GetByTestId("bulk-add-tag").ClickAsync();
        await Assertions.Expect(page.GetByText("Updated 2 companies.")).ToBeVisibleAsync();

        await page.GetByTestId("choose-columns").ClickAsync();
        await page.GetByTestId("column-chooser").GetByLabel("Tags").CheckAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = $"vip{suffix}" })).ToHaveCountAsync(2);

        await page.GetByTestId("views-menu").ClickAsync();
        await page.GetByTestId("save-current-view").ClickAsync();
        await page.GetByTestId("view-name").FillAsync($"Tagged {suffix}");
        await page.GetByTestId("save-view").ClickAsync();
        await Assertions.Expect(page.GetByText($"View “Tagged {suffix}” saved.")).ToBeVisibleAsync();

        await page.ReloadAsync();
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Tags" })).ToHaveCountAsync(0);
        await page.GetByTestId("views-menu").ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = $"Tagged {suffix}" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("company-count")).ToHaveTextAsync("2 companies");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = $"vip{suffix}" })).ToHaveCountAsync(2);
        await Screenshots.SaveAsync(page, "companies-saved-view");
        Assert.Empty(app.ConsoleErrorsOf(page));
    }
}
