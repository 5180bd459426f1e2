using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

public sealed partial class AdminTests(BrowserApp app)
{
    private static readonly string[] ContactAndCompanyReads = [Permissions.Crm.ContactsRead, Permissions.Crm.CompaniesRead];

    private static async Task<(Guid RoleId, string RoleName)> CreateRoleAsync(HttpClient api, params string[] permissions)
    {
        var name = $"Role{Guid.NewGuid().ToString("N")[..8]}";
        using var response = await api.PostAsJsonAsync("/api/v1/roles",
            new { name, permissions = permissions.ToDictionary(p => p, _ => "all") }, TestContext.Current.CancellationToken);
        var role = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return (role.GetProperty("id").GetGuid(), name);
    }

    private static async Task<(Guid Id, string Email)> CreateUserAsync(HttpClient api, string role)
    {
        var email = $"circuit-{Guid.NewGuid().ToString("N")[..8]}@test.crmcdp.local";
        using var response = await api.PostAsJsonAsync("/api/v1/users",
            new { email, displayName = email, password = AppFixture.TestPassword, roles = new[] { role } }, TestContext.Current.CancellationToken);
        var user = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return (user.GetProperty("id").GetGuid(), email);
    }

    [Fact]
    public async Task An_admin_creates_a_user_who_then_signs_in_with_the_temporary_password()
    {
        var email = $"new-{Guid.NewGuid().ToString("N")[..8]}@test.crmcdp.local";
        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, CrmCdpAppFactory.AdminEmail, CrmCdpAppFactory.AdminPassword);
        await page.GotoAsync("/admin/users");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await page.GetByTestId("new-user").ClickAsync();
        await page.GetByTestId("user-email").FillAsync(email);
        await page.GetByTestId("user-name").FillAsync(email);
        // Email can go out in this app, so the dialog offers an invitation first; this admin sets a password instead.
        await page.GetByTestId("user-invite").ClickAsync();
        await page.GetByTestId("save-user").ClickAsync();
        await Assertions.Expect(page.GetByText("Give the user at least one role.")).ToBeVisibleAsync();
        await page.GetByTestId("user-roles").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = BuiltInRoles.SalesRep, Exact = true }).ClickAsync();
        // A multi-select stays open after a choice; a click on its overlay (over the dialog's email field, not the page backdrop,
        // which would close the dialog) closes it before the dialog's buttons can be clicked.
        var emailField = await page.GetByTestId("user-email").BoundingBoxAsync();
        await page.Mouse.ClickAsync(emailField!.X + 10, emailField.Y + 10);
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { Name = BuiltInRoles.SalesRep, Exact = true })).ToBeHiddenAsync();
        await page.GetByTestId("save-user").ClickAsync();
        var password = await page.GetByTestId("temporary-password").TextContentAsync();
        await Screenshots.SaveAsync(page, "admin-user-created");
        Assert.Empty(app.ConsoleErrorsOf(page));

        var newcomer = await app.NewPageAsync();
        await ShellTests.SignInAsync(newcomer, email, password!);
        await Assertions.Expect(newcomer.GetByTestId("nav-crm")).ToBeVisibleAsync();
        await Assertions.Expect(newcomer.GetByTestId("nav-admin")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Revoking_a_permission_and_deactivating_reach_an_open_circuit()
    {
        using var api = app.AdminApi();
        var (roleId, roleName) = await CreateRoleAsync(api, ContactAndCompanyReads);
        var (userId, email) = await CreateUserAsync(api, roleName);
        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, email, AppFixture.TestPassword);
        await page.GotoAsync("/crm/companies");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        using (await api.PutAsJsonAsync($"/api/v1/roles/{roleId}",
                   new { name = roleName, permissions = new Dictionary<string, string> { [Permissions.Crm.CompaniesRead] = "all" } }, TestContext.Current.CancellationToken))
        {
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Contacts", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();

        using (await api.PostAsync($"/api/v1/users/{userId}/deactivate", null, TestContext.Current.CancellationToken))
        {
        }

        await Assertions.Expect(page).ToHaveURLAsync(LoginUrl(), new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task An_admin_changes_a_scope_in_the_permission_matrix()
    {
        using var api = app.AdminApi();
        var (roleId, roleName) = await CreateRoleAsync(api, Permissions.Crm.ContactsRead);
        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, CrmCdpAppFactory.AdminEmail, CrmCdpAppFactory.AdminPassword);
        await page.GotoAsync("/admin/roles");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await page.GetByText(roleName).ClickAsync();
        await page.GetByTestId($"scope-{Permissions.Crm.ContactsRead}").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Team", Exact = true }).ClickAsync();
        await page.GetByTestId($"special-{Permissions.Admin.AuditRead}").ClickAsync();
        await page.GetByTestId("save-role").ClickAsync();
        await Assertions.Expect(page.GetByText($"Permissions of {roleName} saved")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "admin-role-matrix");

        var role = await api.GetFromJsonAsync<JsonElement>($"/api/v1/roles/{roleId}", TestContext.Current.CancellationToken);
        Assert.Equal("team", role.GetProperty("permissions").GetProperty(Permissions.Crm.ContactsRead).GetString());
        Assert.Equal("all", role.GetProperty("permissions").GetProperty(Permissions.Admin.AuditRead).GetString());
        Assert.Empty(app.ConsoleErrorsOf(page));
    }

    [GeneratedRegex("/account/login")]
    private static partial Regex LoginUrl();
}
