using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CrmCdp.IntegrationTests.Admin;

[Collection(SharedAppGroup.Name)]
public sealed class UserAdminTests(SharedApp app)
{
    private HttpClient NewBrowser() =>
        app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static string NewEmail() => $"user-{Guid.NewGuid().ToString("N")[..8]}@test.crmcdp.local";

    [Fact]
    public async Task A_created_user_signs_in_with_the_temporary_password_and_shows_effective_permissions()
    {
        using var admin = app.AdminApi();
        var email = NewEmail();

        var (created, user) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/users",
            new { email, displayName = "Tempo Rary", roles = new[] { BuiltInRoles.SalesRep } });
        var password = user.GetProperty("temporaryPassword").GetString()!;
        using var browser = NewBrowser();
        using var signIn = await FormSignIn.PostLoginAsync(browser, email, password);
        var (_, detail) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/users/{user.Id()}");
        var audit = await admin.GetStringAsync($"/api/v1/audit?recordId={user.Id()}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("own", detail.GetProperty("effectivePermissions").GetProperty(Permissions.Crm.ContactsRead).GetString());
        Assert.False(detail.TryGetProperty("temporaryPassword", out _));
        Assert.Contains("admin.user.created", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_users_are_refused_field_by_field()
    {
        using var admin = app.AdminApi();

        var (response, problem) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/users", new { email = "not-an-email", displayName = "", roles = new[] { "Wizard" } });
        var (weak, weakProblem) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/users",
            new { email = NewEmail(), displayName = "Weak", password = "short", roles = new[] { BuiltInRoles.SalesRep } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("displayName", out _));
        Assert.Contains("Wizard", errors.GetProperty("roles")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.True(weakProblem.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Deactivation_ends_the_open_session_and_stops_the_api_key_at_once()
    {
        using var admin = app.AdminApi();
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        using var browser = NewBrowser();
        await FormSignIn.SignInAsync(browser, rep.Email, AppFixture.TestPassword);
        using var before = await browser.GetAsync("/crm/contacts", TestContext.Current.CancellationToken);
        using var keyBefore = await rep.Api.GetAsync("/api/v1/contacts", TestContext.Current.CancellationToken);

        var (deactivated, state) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/users/{rep.Id}/deactivate");
        using var after = await browser.GetAsync("/crm/contacts", TestContext.Current.CancellationToken);
        using var keyAfter = await rep.Api.GetAsync("/api/v1/contacts", TestContext.Current.CancellationToken);
        using var signInAgain = await FormSignIn.PostLoginAsync(NewBrowser(), rep.Email, AppFixture.TestPassword);
        var refusal = await signInAgain.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/users/{rep.Id}/reactivate");
        using var keyRestored = await rep.Api.GetAsync("/api/v1/contacts", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keyBefore.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.False(state.GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, keyAfter.StatusCode);
        Assert.Contains("deactivated", refusal, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, keyRestored.StatusCode);
    }

    [Fact]
    public async Task A_role_change_applies_to_the_signed_in_user_on_the_next_request()
    {
        using var admin = app.AdminApi();
        var email = await app.CreateUserAsync(BuiltInRoles.SalesRep);
        var id = await app.UserIdAsync(email);
        using var browser = NewBrowser();
        await FormSignIn.SignInAsync(browser, email, AppFixture.TestPassword);
        using var before = await browser.GetAsync("/admin/audit", TestContext.Current.CancellationToken);

        var (updated, _) = await CrmApi.SendAsync(admin, HttpMethod.Put, $"/api/v1/users/{id}",
            new { displayName = "Promoted", roles = new[] { BuiltInRoles.Admin } });
        using var after = await browser.GetAsync("/admin/audit", TestContext.Current.CancellationToken);

        Assert.NotEqual(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_password_reset_ends_sessions_and_replaces_the_password()
    {
        using var admin = app.AdminApi();
        var email = await app.CreateUserAsync(BuiltInRoles.SalesRep);
        var id = await app.UserIdAsync(email);
        using var browser = NewBrowser();
        await FormSignIn.SignInAsync(browser, email, AppFixture.TestPassword);

        var (_, reset) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/users/{id}/reset-password");
        using var afterReset = await browser.GetAsync("/crm/contacts", TestContext.Current.CancellationToken);
        using var oldPassword = await FormSignIn.PostLoginAsync(NewBrowser(), email, AppFixture.TestPassword);
        using var newPassword = await FormSignIn.PostLoginAsync(NewBrowser(), email, reset.GetProperty("temporaryPassword").GetString()!);

        Assert.Equal(HttpStatusCode.Redirect, afterReset.StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect, oldPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, newPassword.StatusCode);
    }

    [Fact]
    public async Task Team_membership_set_through_the_api_widens_and_narrows_a_managers_scope()
    {
        using var admin = app.AdminApi();
        var manager = await app.CreateUserWithApiAsync(BuiltInRoles.SalesManager);
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var contact = await CrmApi.CreateContactAsync(rep.Api, new { firstName = "Teamed" });

        var (created, team) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/teams",
            new { name = CrmApi.Unique("Team "), leadUserId = manager.Id, memberIds = new[] { rep.Id } });
        var (seen, _) = await CrmApi.SendAsync(manager.Api, HttpMethod.Get, $"/api/v1/contacts/{contact.Id()}");
        await CrmApi.SendAsync(admin, HttpMethod.Put, $"/api/v1/teams/{team.Id()}",
            new { name = team.GetProperty("name").GetString(), leadUserId = manager.Id, memberIds = Array.Empty<Guid>() });
        var (unseen, _) = await CrmApi.SendAsync(manager.Api, HttpMethod.Get, $"/api/v1/contacts/{contact.Id()}");
        var (duplicate, problem) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/teams", new { name = team.GetProperty("name").GetString() });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unseen.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task Users_and_teams_need_the_manage_users_permission()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);

        using var users = await rep.Api.GetAsync("/api/v1/users", TestContext.Current.CancellationToken);
        using var teams = await rep.Api.GetAsync("/api/v1/teams", TestContext.Current.CancellationToken);
        var list = await app.AdminApi().GetFromJsonAsync<JsonElement>("/api/v1/users", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, users.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, teams.StatusCode);
        Assert.Contains(list.EnumerateArray(), u => u.GetProperty("email").GetString() == rep.Email);
    }
}
