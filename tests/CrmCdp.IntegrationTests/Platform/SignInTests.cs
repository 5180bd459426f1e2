using System.Net;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CrmCdp.IntegrationTests.Platform;

[Collection(SharedAppGroup.Name)]
public sealed class SignInTests(SharedApp app)
{
    private HttpClient NewBrowser() =>
        app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task Every_page_but_login_sends_an_anonymous_visitor_to_sign_in()
    {
        using var browser = NewBrowser();

        using var home = await browser.GetAsync("/", TestContext.Current.CancellationToken);
        using var login = await browser.GetAsync("/account/login", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/account/login", home.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task The_admin_signs_in_and_reaches_the_home_page()
    {
        using var browser = NewBrowser();

        using var response = await FormSignIn.PostLoginAsync(browser, CrmCdpAppFactory.AdminEmail, CrmCdpAppFactory.AdminPassword, "/crm/contacts");
        using var crm = await browser.GetAsync("/crm/contacts", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/crm/contacts", response.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, crm.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        using var browser = NewBrowser();

        using var response = await FormSignIn.PostLoginAsync(browser, CrmCdpAppFactory.AdminEmail, "not-the-password");
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var home = await browser.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The email or password is incorrect.", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account_even_against_the_right_password()
    {
        var email = await app.CreateUserAsync(BuiltInRoles.SalesRep);
        using var browser = NewBrowser();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var failed = await FormSignIn.PostLoginAsync(browser, email, "wrong-password");
        }

        using var response = await FormSignIn.PostLoginAsync(browser, email, AppFixture.TestPassword);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sales_rep_is_refused_an_admin_page()
    {
        var email = await app.CreateUserAsync(BuiltInRoles.SalesRep);
        using var browser = NewBrowser();
        await FormSignIn.SignInAsync(browser, email, AppFixture.TestPassword);

        using var crm = await browser.GetAsync("/crm/contacts", TestContext.Current.CancellationToken);
        using var admin = await browser.GetAsync("/admin/users", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, crm.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.StartsWith("/account/access-denied", admin.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_on_the_server()
    {
        using var browser = NewBrowser();
        using var signIn = await FormSignIn.PostLoginAsync(browser, CrmCdpAppFactory.AdminEmail, CrmCdpAppFactory.AdminPassword);
        var sessionCookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("crmcdp.auth=", StringComparison.Ordinal)).Split(';')[0];
        var token = FormSignIn.AntiforgeryToken(await browser.GetStringAsync("/account/login", TestContext.Current.CancellationToken));
        using var replayBefore = await GetWithCookieAsync("/crm/contacts", sessionCookie);
        using var logoutForm = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });

        using var logout = await browser.PostAsync("/account/logout", logoutForm, TestContext.Current.CancellationToken);
        using var replayAfter = await GetWithCookieAsync("/crm/contacts", sessionCookie);

        Assert.Equal(HttpStatusCode.OK, replayBefore.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Contains("signedOut=true", logout.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, replayAfter.StatusCode);
    }

    [Fact]
    public async Task Signing_out_without_the_antiforgery_token_is_refused()
    {
        using var browser = NewBrowser();
        await FormSignIn.SignInAsync(browser, CrmCdpAppFactory.AdminEmail, CrmCdpAppFactory.AdminPassword);
        using var emptyForm = new FormUrlEncodedContent(new Dictionary<string, string>());

        using var logout = await browser.PostAsync("/account/logout", emptyForm, TestContext.Current.CancellationToken);
        using var stillSignedIn = await browser.GetAsync("/crm/contacts", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
    }

    /// <summary>Replays a captured session cookie from a client that keeps no cookies of its own.</summary>
    private async Task<HttpResponseMessage> GetWithCookieAsync(string path, string cookie)
    {
        using var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
