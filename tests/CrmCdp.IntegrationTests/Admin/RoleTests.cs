using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.Web.Platform.Auth;

namespace CrmCdp.IntegrationTests.Admin;

[Collection(SharedAppGroup.Name)]
public sealed class RoleTests(SharedApp app)
{
    private static string RoleName() => $"Role{Guid.NewGuid().ToString("N")[..8]}";

    private HttpClient KeyClient(string key)
    {
        var client = app.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    [Fact]
    public async Task A_custom_role_grants_exactly_its_matrix_and_a_change_applies_on_the_next_request()
    {
        using var admin = app.AdminApi();
        var (created, role) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/roles",
            new { name = RoleName(), description = "Reads contacts", permissions = new Dictionary<string, string> { ["crm.contacts.read"] = "all" } });
        var (_, key) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/api-keys", new { name = "matrix key", role = role.GetProperty("name").GetString() });
        using var client = KeyClient(key.GetProperty("key").GetString()!);

        using var readBefore = await client.GetAsync("/api/v1/contacts", TestContext.Current.CancellationToken);
        var (createAttempt, _) = await CrmApi.SendAsync(client, HttpMethod.Post, "/api/v1/contacts", new { firstName = "Nope" });
        var (updated, updatedRole) = await CrmApi.SendAsync(admin, HttpMethod.Put, $"/api/v1/roles/{role.Id()}",
            new { name = role.GetProperty("name").GetString(), permissions = new Dictionary<string, string> { ["crm.companies.read"] = "all" } });
        using var readAfter = await client.GetAsync("/api/v1/contacts", TestContext.Current.CancellationToken);
        using var companies = await client.GetAsync("/api/v1/companies", TestContext.Current.CancellationToken);
        var audit = await admin.GetStringAsync($"/api/v1/audit?recordId={role.Id()}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readBefore.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, createAttempt.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(["crm.companies.read"], updatedRole.GetProperty("permissions").EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.Forbidden, readAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, companies.StatusCode);
        Assert.Contains("admin.role.permissions_changed", audit, StringComparison.Ordinal);
        Assert.Contains("crm.contacts.read", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_matrices_are_refused_naming_each_permission()
    {
        using var admin = app.AdminApi();

        var (response, problem) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/roles", new
        {
            name = "9 bad",
            permissions = new Dictionary<string, string> { ["crm.nothing.read"] = "all", ["admin.jobs"] = "team", ["crm.tasks.read"] = "everyone" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("permissions.crm.nothing.read", out _));
        Assert.True(errors.TryGetProperty("permissions.admin.jobs", out _));
        Assert.True(errors.TryGetProperty("permissions.crm.tasks.read", out _));
    }

    [Fact]
    public async Task The_admin_role_cannot_lose_the_right_to_manage_roles()
    {
        using var admin = app.AdminApi();
        var roles = await admin.GetFromJsonAsync<JsonElement>("/api/v1/roles", TestContext.Current.CancellationToken);
        var adminRole = roles.EnumerateArray().Single(r => r.GetProperty("name").GetString() == BuiltInRoles.Admin);
        var withoutRoles = adminRole.GetProperty("permissions").EnumerateObject()
            .Where(p => p.Name != Permissions.Admin.RolesManage).ToDictionary(p => p.Name, p => p.Value.GetString());

        var (response, problem) = await CrmApi.SendAsync(admin, HttpMethod.Put, $"/api/v1/roles/{adminRole.Id()}",
            new { name = BuiltInRoles.Admin, permissions = withoutRoles });
        var after = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/roles/{adminRole.Id()}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty($"permissions.{Permissions.Admin.RolesManage}", out _));
        Assert.True(after.GetProperty("permissions").TryGetProperty(Permissions.Admin.RolesManage, out _));
    }

    [Fact]
    public async Task Only_unused_custom_roles_can_be_deleted()
    {
        using var admin = app.AdminApi();
        var roles = await admin.GetFromJsonAsync<JsonElement>("/api/v1/roles", TestContext.Current.CancellationToken);
        var builtIn = roles.EnumerateArray().First(r => r.GetProperty("builtIn").GetBoolean());
        var (_, used) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/roles", new { name = RoleName(), permissions = new Dictionary<string, string>() });
        await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/api-keys", new { name = "holder", role = used.GetProperty("name").GetString() });
        var (_, unused) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/roles", new { name = RoleName(), permissions = new Dictionary<string, string>() });

        var (deleteBuiltIn, _) = await CrmApi.SendAsync(admin, HttpMethod.Delete, $"/api/v1/roles/{builtIn.Id()}");
        var (deleteUsed, _) = await CrmApi.SendAsync(admin, HttpMethod.Delete, $"/api/v1/roles/{used.Id()}");
        var (deleteUnused, _) = await CrmApi.SendAsync(admin, HttpMethod.Delete, $"/api/v1/roles/{unused.Id()}");
        var (gone, _) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/roles/{unused.Id()}");

        Assert.Equal(HttpStatusCode.Conflict, deleteBuiltIn.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, deleteUsed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleteUnused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_sales_rep_cannot_read_or_change_roles()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);

        using var response = await rep.Api.GetAsync("/api/v1/roles", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
