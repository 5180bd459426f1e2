using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Playwright;
using OtpNet;

namespace CrmCdp.BrowserTests;

public sealed class TwoFactorSetupTests(BrowserApp app)
{
    [Fact]
    public async Task A_user_turns_on_two_factor_sign_in_with_the_shown_key()
    {
        var email = await app.CreateUserAsync(BuiltInRoles.SalesRep);
        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, email, AppFixture.TestPassword);

        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId("account-security").ClickAsync();
        await Assertions.Expect(page.GetByTestId("two-factor-status")).ToHaveTextAsync("Off");
        await page.GetByTestId("begin-two-factor").ClickAsync();
        var key = (await page.GetByTestId("shared-key").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        await page.GetByTestId("setup-code").FillAsync("123");
        await page.GetByTestId("enable-two-factor").ClickAsync();
        await Assertions.Expect(page.GetByText("That code is not valid.")).ToBeVisibleAsync();
        await page.GetByTestId("setup-code").FillAsync(new Totp(Base32Encoding.ToBytes(key)).ComputeTotp());
        await page.GetByTestId("enable-two-factor").ClickAsync();

        await Assertions.Expect(page.GetByTestId("two-factor-status")).ToHaveTextAsync("On");
        await Assertions.Expect(page.GetByTestId("recovery-codes")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "two-factor-on");
        Assert.Empty(app.ConsoleErrorsOf(page));
    }
}
