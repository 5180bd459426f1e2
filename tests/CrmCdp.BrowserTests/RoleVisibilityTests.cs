using System.Net.Http.Json;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

/// <summary>Each built-in role, signed in, sees the areas, records, buttons and personal data its defaults allow, and nothing more.</summary>
public sealed class RoleVisibilityTests(BrowserApp app)
{
    public static TheoryData<string> Roles() => new(BuiltInRoles.All.Select(r => r.Name));

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task A_role_sees_only_what_it_may(string role)
    {
        var grants = BuiltInRoles.All.Single(r => r.Name == role).DefaultPermissions.ToDictionary(g => g.Permission, g => g.Scope);
        var email = await app.CreateUserAsync(role);
        var userId = await app.UserIdAsync(email);
        var tag = $"vis{Guid.NewGuid().ToString("N")[..8]}";
        using (var api = app.AdminApi())
        {
            await CreateAsync(api, new { firstName = "Mine", lastName = "Visible", email = $"mine.{tag}@example.com", ownerId = userId, tags = new[] { tag } });
            await CreateAsync(api, new { firstName = "Theirs", lastName = "Hidden", email = $"theirs.{tag}@example.com", tags = new[] { tag } });
        }

        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, email, AppFixture.TestPassword);
        await ExpectVisible(page.GetByTestId("nav-crm"), grants.ContainsKey(Permissions.Crm.ContactsRead));
        await ExpectVisible(page.GetByTestId("nav-cdp"), grants.ContainsKey(Permissions.Cdp.ProfilesRead));
        await ExpectVisible(page.GetByTestId("nav-admin"), grants.ContainsKey(Permissions.Admin.UsersManage));
        await ExpectVisible(page.GetByTestId("nav-segments"), grants.ContainsKey(Permissions.Cdp.ProfilesRead) && grants.ContainsKey(Permissions.Cdp.SegmentsRead));

        await page.GotoAsync("/crm/contacts");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByTestId("contact-search").FillAsync(tag);
        // "Theirs" belongs to the admin, in no team with this user: only "all" reaches it.
        var visibleRecords = grants[Permissions.Crm.ContactsRead] == RecordScope.All ? 2 : 1;
        await Assertions.Expect(page.GetByTestId("contact-count")).ToHaveTextAsync($"{visibleRecords} contact{(visibleRecords == 1 ? "" : "s")}");
        var seesPii = grants.ContainsKey(Permissions.Privacy.PiiView);
        await ExpectVisible(page.GetByText($"mine.{tag}@example.com"), seesPii);
        await ExpectVisible(page.GetByText("m***@example.com").First, !seesPii);
        await ExpectVisible(page.GetByTestId("new-contact"), grants.ContainsKey(Permissions.Crm.ContactsCreate));
        await ExpectVisible(page.GetByTestId("import-contacts"), grants.ContainsKey(Permissions.Crm.ContactsImport));
        await ExpectVisible(page.GetByTestId("export-contacts"), grants.ContainsKey(Permissions.Crm.ContactsExport));
        await Screenshots.SaveAsync(page, $"role-{role}-contacts");

        await page.GotoAsync("/cdp/segments");
        await ExpectVisible(page.GetByRole(AriaRole.Heading, new() { Name = "Segments", Exact = true }), grants.ContainsKey(Permissions.Cdp.SegmentsRead));
        await ExpectVisible(page.GetByTestId("new-segment"), grants.ContainsKey(Permissions.Cdp.SegmentsManage));

        await page.GotoAsync("/admin/users");
        await ExpectVisible(page.GetByRole(AriaRole.Heading, new() { Name = "Users and teams" }), grants.ContainsKey(Permissions.Admin.UsersManage));
        Assert.Empty(app.ConsoleErrorsOf(page));
    }

    private static async Task CreateAsync(HttpClient api, object contact)
    {
        using var response = await api.PostAsJsonAsync("/api/v1/contacts", contact, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static Task ExpectVisible(ILocator locator, bool visible) =>
        visible ? Assertions.Expect(locator).ToBeVisibleAsync() : Assertions.Expect(locator).ToHaveCountAsync(0);
}
