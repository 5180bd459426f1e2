using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

public sealed class ShellTests(BrowserApp app)
{
    [Fact]
    public async Task The_admin_signs_in_sees_every_area_toggles_dark_mode_and_signs_out()
    {
        var page = await app.NewPageAsync();
        await SignInAsync(page, CrmCdpAppFactory.AdminEmail, CrmCdpAppFactory.AdminPassword);
        await Screenshots.SaveAsync(page, "admin-home");

        foreach (var area in new[] { "crm", "cdp", "admin" })
        {
            await Assertions.Expect(page.GetByTestId($"nav-{area}")).ToBeVisibleAsync();
        }

        var lightBackground = await BackgroundColorAsync(page);
        await page.GetByTestId("dark-mode-toggle").ClickAsync();
        await Assertions.Expect(page.Locator("body")).Not.ToHaveCSSAsync("background-color", lightBackground);
        Assert.True(Luminance(await BackgroundColorAsync(page)) < Luminance(lightBackground), "The page did not get darker.");
        await Screenshots.SaveAsync(page, "admin-dark-mode");

        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId("logout").ClickAsync();
        await Assertions.Expect(page.GetByText("You have been signed out.")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "admin-signed-out");
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        Assert.Empty(app.ConsoleErrorsOf(page));
    }

    [Fact]
    public async Task The_api_reference_sends_a_signed_out_admin_to_sign_in_and_back()
    {
        var page = await app.NewPageAsync();
        var elsewhere = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(app.BaseAddress.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                elsewhere.Enqueue(request.Url);
            }
        };

        await page.GotoAsync("/api/docs/");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login\\?ReturnUrl=%2Fapi%2Fdocs"));
        await page.Locator("input[name='Input.Email']").FillAsync(CrmCdpAppFactory.AdminEmail);
        await page.Locator("input[name='Input.Password']").FillAsync(CrmCdpAppFactory.AdminPassword);
        await page.GetByTestId("sign-in").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/api/docs"));

        // Scalar renders the whole document client-side; on a loaded 2-core CI machine that takes more than the default 5 s.
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Contacts" }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "API keys" }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("CrmCdp API").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "admin-api-reference");
        // A self-hosted reference: nothing fetched from other sites, no hosted-service buttons.
        await Assertions.Expect(page.GetByText("Ask AI")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Generate SDK")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Deploy" })).ToHaveCountAsync(0);
        Assert.Empty(elsewhere);
    }

    [Fact]
    public async Task A_sales_rep_sees_the_crm_but_not_admin()
    {
        var email = await app.CreateUserAsync(BuiltInRoles.SalesRep);
        var page = await app.NewPageAsync();
        await SignInAsync(page, email, AppFixture.TestPassword);

        await Assertions.Expect(page.GetByTestId("nav-crm")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("nav-admin")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("nav-cdp")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "salesrep-home");

        await page.GotoAsync("/admin/users");
        await Assertions.Expect(page.GetByText("Access denied").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "salesrep-admin-refused");
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_on_the_login_page()
    {
        // Its own account: a failed attempt writes the account's failure count, and a sign-in to the same account at that
        // moment is refused by Identity (a concurrency failure reads as a possible attack on the lockout), so other tests' admin sign-ins could fail.
        var email = await app.CreateUserAsync(BuiltInRoles.SalesRep);
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login");

        await page.Locator("input[name='Input.Email']").FillAsync(email);
        await page.Locator("input[name='Input.Password']").FillAsync("definitely-wrong");
        await page.GetByTestId("sign-in").ClickAsync();

        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("incorrect");
        await Screenshots.SaveAsync(page, "login-wrong-password");
    }

    /// <summary>
    /// Selects a tab and waits until it is selected. A click that lands while the page is still rendering its first
    /// data can be lost, so the tab is clicked again until it takes.
    /// </summary>
    internal static async Task SelectTabAsync(IPage page, string name)
    {
        var tab = page.GetByRole(AriaRole.Tab, new() { Name = name });
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await tab.ClickAsync();
            try
            {
                await Assertions.Expect(tab).ToHaveAttributeAsync("aria-selected", "true", new() { Timeout = 3_000 });
                return;
            }
            catch (PlaywrightException)
            {
                // Not taken yet: click again.
            }
        }

        await Assertions.Expect(tab).ToHaveAttributeAsync("aria-selected", "true");
    }

    internal static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await page.Locator("input[name='Input.Email']").FillAsync(email);
        await page.Locator("input[name='Input.Password']").FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
        // Home greets people by their display name, which for the seeded admin is not the email.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Welcome, ") })).ToBeVisibleAsync();
        // Interactive handlers only work once the Blazor circuit is up.
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    private static Task<string> BackgroundColorAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    private static double Luminance(string rgb)
    {
        var parts = rgb[(rgb.IndexOf('(', StringComparison.Ordinal) + 1)..rgb.IndexOf(')', StringComparison.Ordinal)]
            .Split(',').Take(3).Select(p => double.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return (0.2126 * parts[0]) + (0.7152 * parts[1]) + (0.0722 * parts[2]);
    }
}
