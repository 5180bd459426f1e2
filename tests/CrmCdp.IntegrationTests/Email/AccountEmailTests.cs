using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace CrmCdp.IntegrationTests.Email;

public sealed partial class AccountEmailTests(MailApp app) : IClassFixture<MailApp>
{
    private const string NewPassword = "Chosen-Passw0rd-1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_invited_user_sets_a_password_from_the_emailed_link_once_and_signs_in()
    {
        using var admin = app.AdminApi();
        var email = $"{CrmApi.Unique("invitee")}@test.crmcdp.local";

        using var invited = await admin.PostAsJsonAsync("/api/v1/users/invite", new { email, name = "Ivy Invitee", roles = new[] { "SalesRep" } }, Ct);
        var received = await app.Smtp.WaitForAsync(e => e.Message.To.Mailboxes.Any(m => m.Address == email));
        var link = LinkIn(received.Message.TextBody, "/account/invitation");
        using var browser = Browser();
        using var accepted = await FormSignIn.PostFormAsync(browser, link, "invitation", Passwords(NewPassword));
        var again = await browser.GetStringAsync(link, Ct);
        using var signIn = await FormSignIn.PostLoginAsync(Browser(), email, NewPassword);

        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        Assert.Equal("You're invited to CrmCdp", received.Message.Subject);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.EndsWith("/account/login?passwordSet=true", accepted.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("expired or was already used", again, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task A_reset_answers_alike_for_unknown_and_known_addresses_and_its_link_works_once()
    {
        var email = await app.CreateUserAsync("SalesRep", $"{CrmApi.Unique("forgetful")}@test.crmcdp.local");
        var unknown = $"{CrmApi.Unique("nobody")}@test.crmcdp.local";

        using var forUnknown = await FormSignIn.PostFormAsync(Browser(), "/account/forgot-password", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = unknown });
        using var forKnown = await FormSignIn.PostFormAsync(Browser(), "/account/forgot-password", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });
        var unknownPage = (await forUnknown.Content.ReadAsStringAsync(Ct)).Replace(unknown, "ADDRESS", StringComparison.Ordinal);
        var knownPage = (await forKnown.Content.ReadAsStringAsync(Ct)).Replace(email, "ADDRESS", StringComparison.Ordinal);
        var received = await app.Smtp.WaitForAsync(e => e.Message.To.Mailboxes.Any(m => m.Address == email) && (e.Message.Subject ?? "").Contains("Reset", StringComparison.Ordinal));
        var link = LinkIn(received.Message.TextBody, "/account/reset-password");
        using var browser = Browser();
        using var reset = await FormSignIn.PostFormAsync(browser, link, "reset-password", Passwords(NewPassword));
        var reused = await browser.GetStringAsync(link, Ct);
        using var withNew = await FormSignIn.PostLoginAsync(Browser(), email, NewPassword);
        using var withOld = await FormSignIn.PostLoginAsync(Browser(), email, AppFixture.TestPassword);

        Assert.Equal(forUnknown.StatusCode, forKnown.StatusCode);
        Assert.Contains("If an account exists for ADDRESS", knownPage, StringComparison.Ordinal);
        Assert.Equal(SuccessNotice(unknownPage), SuccessNotice(knownPage));
        Assert.Equal(0, await QueuedResetsAsync(unknown));
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Contains("expired or was already used", reused, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, withNew.StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect, withOld.StatusCode);
        await app.Smtp.WaitForAsync(e => e.Message.To.Mailboxes.Any(m => m.Address == email) && (e.Message.Subject ?? "").Contains("password was changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reset_emails_to_one_address_are_limited_to_three_an_hour()
    {
        var email = await app.CreateUserAsync("SalesRep", $"{CrmApi.Unique("eager")}@test.crmcdp.local");

        for (var i = 0; i < 5; i++)
        {
            using var response = await FormSignIn.PostFormAsync(Browser(), "/account/forgot-password", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(3, await QueuedResetsAsync(email));
    }

    private HttpClient Browser() => app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static Dictionary<string, string> Passwords(string password) => new() { ["Input.Password"] = password, ["Input.Confirm"] = password };

    private static string LinkIn(string? text, string path)
    {
        var match = LinkPattern().Match(text ?? "");
        Assert.True(match.Success, $"No link in: {text}");
        var link = new Uri(match.Value);
        Assert.Equal(path, link.AbsolutePath);
        return link.PathAndQuery;
    }

    private static string SuccessNotice(string page) => NoticePattern().Match(page).Value;

    private async Task<long> QueuedResetsAsync(string address)
    {
        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM platform_emails WHERE purpose = 'password-reset' AND \"to\" LIKE @address", connection);
        command.Parameters.AddWithValue("address", $"%<{address}>");
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    [GeneratedRegex(@"https?://\S+/account/(invitation|reset-password)\?\S+")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"If an account exists for ADDRESS[^<]*")]
    private static partial Regex NoticePattern();
}
