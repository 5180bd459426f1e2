using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

/// <summary>Lists that keep their place, counts that show, dialogs and sign-in that work from the keyboard.</summary>
public sealed class NavigationAndKeyboardTests(BrowserApp app)
{
    [Fact]
    public async Task Back_after_opening_a_contact_returns_to_the_same_search_in_one_step()
    {
        var rep = await app.CreateUserAsync(BuiltInRoles.SalesRep);
        var marker = $"Backtrack{Guid.NewGuid().ToString("N")[..6]}";
        using (var api = await app.ApiClientForAsync(rep, BuiltInRoles.SalesRep))
        {
            using var created = await api.PostAsJsonAsync("/api/v1/contacts", new { firstName = marker, lastName = "One" }, TestContext.Current.CancellationToken);
            created.EnsureSuccessStatusCode();
        }

        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, rep, AppFixture.TestPassword);
        await page.GotoAsync("/crm/contacts");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByTestId("contact-search").FillAsync(marker);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"search={marker}"));
        await page.GetByRole(AriaRole.Link, new() { Name = $"{marker} One" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("contact-name")).ToHaveTextAsync($"{marker} One");

        await page.GoBackAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/crm/contacts\\?search={marker}"));
        await Assertions.Expect(page.GetByTestId("contact-search")).ToHaveValueAsync(marker);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"{marker} One" })).ToBeVisibleAsync();
        Assert.Empty(app.ConsoleErrorsOf(page));
    }

    [Fact]
    public async Task The_deals_list_shows_its_count_before_any_filter()
    {
        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, CrmCdpAppFactory.AdminEmail, CrmCdpAppFactory.AdminPassword);
        using (var api = app.AdminApi())
        {
            var pipelines = await api.GetFromJsonAsync<JsonElement>("/api/v1/pipelines", TestContext.Current.CancellationToken);
            var sales = pipelines.EnumerateArray().First(p => p.GetProperty("name").GetString() == "Sales").GetProperty("id").GetString();
            using var created = await api.PostAsJsonAsync("/api/v1/deals", new { name = "Counted", pipelineId = sales }, TestContext.Current.CancellationToken);
            created.EnsureSuccessStatusCode();
        }

        await page.GotoAsync("/crm/deals/list");

        await Assertions.Expect(page.GetByTestId("deal-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d[\d,.\s]* deals?$|more than"));
        Assert.Empty(app.ConsoleErrorsOf(page));
    }

    [Fact]
    public async Task Escape_closes_a_dialog()
    {
        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, CrmCdpAppFactory.AdminEmail, CrmCdpAppFactory.AdminPassword);
        await page.GotoAsync("/crm/tickets");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByTestId("new-ticket").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        // The keyboard goes to the dialog's first field, and the dialog answers keys from then on.
        await Assertions.Expect(page.GetByTestId("ticket-subject")).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Escape");

        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_sign_in_page_puts_the_keyboard_in_the_email_field()
    {
        var page = await app.NewPageAsync();

        await page.GotoAsync("/account/login");

        await Assertions.Expect(page.Locator("input[name='Input.Email']")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("typed@example.com");
        await Assertions.Expect(page.Locator("input[name='Input.Email']")).ToHaveValueAsync("typed@example.com");
    }
}
