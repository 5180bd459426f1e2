using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

/// <summary>A user's own format and time zone reach every page, the live ones included.</summary>
public sealed class PreferencesTests(BrowserApp app)
{
    [Fact]
    public async Task A_user_who_chose_german_format_and_a_time_zone_sees_them_on_a_live_page()
    {
        var email = await app.CreateUserAsync(BuiltInRoles.SalesRep);
        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, email, AppFixture.TestPassword);
        await page.GotoAsync("/account/preferences");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByTestId("preference-culture").FillAsync("de-DE");
        await page.GetByRole(AriaRole.Option, new() { NameRegex = new System.Text.RegularExpressions.Regex(@"\(de-DE\)") }).ClickAsync();
        // The culture's list closes before the time zone is typed, or its popover can swallow the zone's search.
        await Assertions.Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(0);
        // Part of the name: the box shows the whole name only once the pick has reached the server.
        await page.GetByTestId("preference-time-zone").FillAsync("Kiritimati");
        await page.GetByRole(AriaRole.Option, new() { Name = "Pacific/Kiritimati" }).ClickAsync();
        // The pick reaches the server in its own round trip; saving before it lands would save the old zone.
        await Assertions.Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("preference-time-zone")).ToHaveValueAsync("Pacific/Kiritimati");
        await page.GetByTestId("save-preferences").ClickAsync();

        // Saving reloads the page, whose new circuit runs in the chosen culture and zone.
        await Assertions.Expect(page.GetByTestId("preferences-example")).ToContainTextAsync("1.234.567,89");
        await Assertions.Expect(page.GetByTestId("preferences-example")).ToContainTextAsync("Pacific/Kiritimati");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.GetByTestId("preferences-example")).ToContainTextAsync("1.234.567,89");
        Assert.Empty(app.ConsoleErrorsOf(page));
    }
}
