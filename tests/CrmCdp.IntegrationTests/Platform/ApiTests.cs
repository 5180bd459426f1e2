using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;

namespace CrmCdp.IntegrationTests.Platform;

[Collection(SharedAppGroup.Name)]
public sealed class ApiTests(SharedApp app)
{
    private HttpClient ClientWithKey(string key)
    {
        var client = app.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    [Fact]
    public async Task Me_with_the_bootstrap_key_returns_the_admin_permissions()
    {
        using var client = ClientWithKey(CrmCdpAppFactory.AdminApiKey);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me", TestContext.Current.CancellationToken);

        Assert.Equal("apiKey", me.GetProperty("kind").GetString());
        Assert.Contains(BuiltInRoles.Admin, me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var permissions = me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Equal(Permissions.All.Order(StringComparer.Ordinal), permissions);
    }

    [Theory]
    [InlineData("crm_not_a_real_key")]
    [InlineData("")]
    public async Task Me_with_a_bad_or_missing_key_is_401(string key)
    {
        using var client = app.Factory.CreateClient(new() { AllowAutoRedirect = false });
        if (key.Length > 0)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Creating_an_api_key_without_a_name_is_a_400_naming_the_field()
    {
        using var client = ClientWithKey(CrmCdpAppFactory.AdminApiKey);

        using var response = await client.PostAsJsonAsync("/api/v1/api-keys", new { name = "", role = "SalesRep" }, TestContext.Current.CancellationToken);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out var nameErrors));
        Assert.Contains("name", nameErrors[0].GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.False(problem.GetProperty("errors").TryGetProperty("role", out _));
    }

    [Fact]
    public async Task Creating_an_api_key_with_an_unknown_role_is_a_400_naming_the_role()
    {
        using var client = ClientWithKey(CrmCdpAppFactory.AdminApiKey);

        using var response = await client.PostAsJsonAsync("/api/v1/api-keys", new { name = "ERP sync", role = "Wizard" }, TestContext.Current.CancellationToken);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("role", out _));
    }

    [Fact]
    public async Task Malformed_json_is_a_400_not_a_500()
    {
        using var client = ClientWithKey(CrmCdpAppFactory.AdminApiKey);
        using var body = new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/v1/api-keys", body, TestContext.Current.CancellationToken);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").EnumerateObject().Any());
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_a_400_naming_the_field()
    {
        using var client = ClientWithKey(CrmCdpAppFactory.AdminApiKey);
        using var body = new StringContent("{\"firstName\": \"Ann\", \"emailConsent\": \"maybe\"}", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/v1/contacts", body, TestContext.Current.CancellationToken);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("emailConsent", problem.GetProperty("errors").GetProperty("emailConsent")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_created_key_authenticates_with_its_role_until_revoked()
    {
        using var admin = ClientWithKey(CrmCdpAppFactory.AdminApiKey);
        using var created = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "Reporting script", role = BuiltInRoles.SalesRep }, TestContext.Current.CancellationToken);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var key = body.GetProperty("key").GetString()!;
        using var salesKey = ClientWithKey(key);

        var me = await salesKey.GetFromJsonAsync<JsonElement>("/api/v1/me", TestContext.Current.CancellationToken);
        using var forbidden = await salesKey.GetAsync("/api/v1/api-keys", TestContext.Current.CancellationToken);
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/api-keys", TestContext.Current.CancellationToken);
        using var revoke = await admin.DeleteAsync($"/api/v1/api-keys/{body.GetProperty("id").GetString()}", TestContext.Current.CancellationToken);
        using var afterRevoke = await salesKey.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("crm_", key, StringComparison.Ordinal);
        Assert.Contains(Permissions.Crm.ContactsRead, me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.DoesNotContain(Permissions.Admin.ApiKeysManage, me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var listedKey = listed.EnumerateArray().Single(k => k.GetProperty("id").GetString() == body.GetProperty("id").GetString());
        Assert.Equal(key[..12], listedKey.GetProperty("prefix").GetString());
        Assert.False(listedKey.TryGetProperty("key", out _), "The list must never return the secret.");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
    }

    [Fact]
    public async Task The_api_reference_sends_a_signed_out_person_to_sign_in_while_the_api_answers_401()
    {
        using var browser = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var docs = await browser.GetAsync("/api/docs/", TestContext.Current.CancellationToken);
        using var api = await browser.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, docs.StatusCode);
        Assert.Contains("/account/login?ReturnUrl=%2Fapi%2Fdocs", docs.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_v1_api()
    {
        using var client = ClientWithKey(CrmCdpAppFactory.AdminApiKey);

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/me", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/api-keys", out _));
    }
}
