using System.Net;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using CrmCdp.Web.Platform.Auth.TwoFactor;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace CrmCdp.IntegrationTests.Admin;

[Collection(SharedAppGroup.Name)]
public sealed class TwoFactorTests(SharedApp app)
{
    private HttpClient NewBrowser() =>
        app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private TwoFactorSetupService Setup => app.Factory.Services.GetRequiredService<TwoFactorSetupService>();

    /// <summary>Sets up the authenticator as the user would and answers a code generator for it.</summary>
    private async Task<Totp> EnableAsync(Guid userId)
    {
        var setup = await Setup.BeginAsync(userId);
        var totp = new Totp(Base32Encoding.ToBytes(setup.SharedKey.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()));
        var codes = await Setup.EnableAsync(userId, totp.ComputeTotp());
        Assert.NotNull(codes);
        Assert.Equal(10, codes.Count);
        return totp;
    }

    private static async Task<HttpResponseMessage> PostCodeAsync(HttpClient browser, string location, string code)
    {
        var page = await browser.GetStringAsync(location);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login-2fa",
            ["__RequestVerificationToken"] = FormSignIn.AntiforgeryToken(page),
            ["Input.Code"] = code,
        });
        return await browser.PostAsync(location, form);
    }

    [Fact]
    public async Task A_user_with_an_authenticator_needs_the_code_after_the_password()
    {
        var email = await app.CreateUserAsync(BuiltInRoles.SalesRep);
        var totp = await EnableAsync(await app.UserIdAsync(email));
        using var browser = NewBrowser();

        using var password = await FormSignIn.PostLoginAsync(browser, email, AppFixture.TestPassword);
        var location = password.Headers.Location!;
        var secondStep = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
        using var beforeCode = await browser.GetAsync("/crm/contacts", TestContext.Current.CancellationToken);
        using var wrong = await PostCodeAsync(browser, secondStep, "000000");
        var wrongPage = await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var right = await PostCodeAsync(browser, secondStep, totp.ComputeTotp());
        using var afterCode = await browser.GetAsync("/crm/contacts", TestContext.Current.CancellationToken);

        Assert.StartsWith("/account/login-2fa", secondStep, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, beforeCode.StatusCode);
        Assert.Contains("not valid", wrongPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterCode.StatusCode);
    }

    [Fact]
    public async Task A_role_requiring_two_factor_sends_its_users_to_set_it_up_first()
    {
        using var admin = app.AdminApi();
        var roleName = CrmApi.Unique("Secure");
        var (_, role) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/roles",
            new { name = roleName, requireTwoFactor = true, permissions = new Dictionary<string, string> { [Permissions.Crm.ContactsRead] = "all" } });
        var email = $"secure-{Guid.NewGuid().ToString("N")[..8]}@test.crmcdp.local";
        var (_, user) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/users",
            new { email, displayName = email, password = AppFixture.TestPassword, roles = new[] { roleName } });
        using var browser = NewBrowser();
        await FormSignIn.SignInAsync(browser, email, AppFixture.TestPassword);

        using var page = await browser.GetAsync("/crm/contacts", TestContext.Current.CancellationToken);
        using var api = await browser.GetAsync("/api/v1/contacts", TestContext.Current.CancellationToken);
        using var setupPage = await browser.GetAsync("/account/security?required=true", TestContext.Current.CancellationToken);
        await EnableAsync(Guid.Parse(user.Id()));
        var turnedOff = await Setup.DisableAsync(Guid.Parse(user.Id()));
        using var after = await browser.GetAsync("/crm/contacts", TestContext.Current.CancellationToken);

        Assert.True(role.GetProperty("requireTwoFactor").GetBoolean());
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/security?required=true", page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, setupPage.StatusCode);
        Assert.False(turnedOff);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
