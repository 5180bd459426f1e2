using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CrmCdp.IntegrationTests.Privacy;

[Collection(SharedAppGroup.Name)]
public sealed class PiiMaskingTests(SharedApp app)
{
    private static async Task<JsonElement> SeedAsync(HttpClient admin, string tag) =>
        await CrmApi.CreateContactAsync(admin, new
        {
            firstName = "Dana",
            lastName = "Private",
            email = $"dana.{tag}@example.com",
            phones = new[] { "+4915112345678" },
            jobTitle = "Buyer",
            tags = new[] { tag },
        });

    private async Task<HttpClient> KeyWithRoleAsync(HttpClient admin, Dictionary<string, string> permissions)
    {
        var name = $"Role{Guid.NewGuid().ToString("N")[..8]}";
        await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/roles", new { name, permissions });
        var (_, key) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/api-keys", new { name = "pii test", role = name });
        var client = app.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.GetProperty("key").GetString());
        return client;
    }

    [Fact]
    public async Task A_role_without_view_pii_gets_masked_contacts_in_the_api_search_and_export()
    {
        using var admin = app.AdminApi();
        var tag = CrmApi.Unique("pii");
        var contact = await SeedAsync(admin, tag);
        var marketer = await app.CreateUserWithApiAsync(BuiltInRoles.Marketer);

        var (_, single) = await CrmApi.SendAsync(marketer.Api, HttpMethod.Get, $"/api/v1/contacts/{contact.Id()}");
        var (_, list) = await CrmApi.SendAsync(marketer.Api, HttpMethod.Get, $"/api/v1/contacts?tag={tag}");
        var (_, search) = await CrmApi.SendAsync(marketer.Api, HttpMethod.Get, $"/api/v1/contacts?search=dana.{tag}");
        var csv = await marketer.Api.GetStringAsync($"/api/v1/contacts/export?tag={tag}", TestContext.Current.CancellationToken);
        var (_, clear) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/contacts/{contact.Id()}");

        Assert.Equal("D***", single.GetProperty("firstName").GetString());
        Assert.Equal("P***", single.GetProperty("lastName").GetString());
        Assert.Equal($"d***@example.com", single.GetProperty("email").GetString());
        Assert.Equal("+49*********78", single.GetProperty("phones")[0].GetString());
        Assert.True(single.GetProperty("piiMasked").GetBoolean());
        Assert.Equal("Buyer", single.GetProperty("jobTitle").GetString());
        Assert.Equal("d***@example.com", Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("email").GetString());
        Assert.Equal("d***@example.com", Assert.Single(search.GetProperty("items").EnumerateArray()).GetProperty("email").GetString());
        Assert.DoesNotContain($"dana.{tag}", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("12345678", csv, StringComparison.Ordinal);
        Assert.Contains("d***@example.com", csv, StringComparison.Ordinal);
        Assert.Equal($"dana.{tag}@example.com", clear.GetProperty("email").GetString());
        Assert.False(clear.TryGetProperty("piiMasked", out _));
    }

    [Fact]
    public async Task Pages_rendered_for_a_role_without_view_pii_hold_no_personal_values()
    {
        using var admin = app.AdminApi();
        var tag = CrmApi.Unique("piipage");
        var contact = await SeedAsync(admin, tag);
        var email = await app.CreateUserAsync(BuiltInRoles.Marketer);
        using var browser = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await FormSignIn.SignInAsync(browser, email, AppFixture.TestPassword);

        var page = await browser.GetStringAsync($"/crm/contacts/{contact.Id()}", TestContext.Current.CancellationToken);

        Assert.DoesNotContain($"dana.{tag}", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Private", page, StringComparison.Ordinal);
        Assert.Contains("D*** P***", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_without_view_pii_cannot_overwrite_personal_fields_with_masked_values()
    {
        using var admin = app.AdminApi();
        var tag = CrmApi.Unique("piiedit");
        var contact = await SeedAsync(admin, tag);
        using var editor = await KeyWithRoleAsync(admin, new() { [Permissions.Crm.ContactsRead] = "all", [Permissions.Crm.ContactsEdit] = "all" });
        var (_, masked) = await CrmApi.SendAsync(editor, HttpMethod.Get, $"/api/v1/contacts/{contact.Id()}");

        var (updated, _) = await CrmApi.SendAsync(editor, HttpMethod.Put, $"/api/v1/contacts/{contact.Id()}", new
        {
            firstName = masked.GetProperty("firstName").GetString(),
            lastName = "Changed",
            email = masked.GetProperty("email").GetString(),
            phones = new[] { "+4930000000" },
            jobTitle = "Head of Buying",
            version = masked.GetProperty("version").GetUInt32(),
        });
        var (_, stored) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/contacts/{contact.Id()}");

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("Dana", stored.GetProperty("firstName").GetString());
        Assert.Equal("Private", stored.GetProperty("lastName").GetString());
        Assert.Equal($"dana.{tag}@example.com", stored.GetProperty("email").GetString());
        Assert.Equal("+4915112345678", stored.GetProperty("phones")[0].GetString());
        Assert.Equal("Head of Buying", stored.GetProperty("jobTitle").GetString());
    }

    [Fact]
    public async Task A_support_agent_reveals_one_field_and_the_reveal_is_audited()
    {
        using var admin = app.AdminApi();
        var tag = CrmApi.Unique("piireveal");
        var contact = await SeedAsync(admin, tag);
        var agent = await app.CreateUserWithApiAsync(BuiltInRoles.SupportAgent);
        var marketer = await app.CreateUserWithApiAsync(BuiltInRoles.Marketer);

        var (_, masked) = await CrmApi.SendAsync(agent.Api, HttpMethod.Get, $"/api/v1/contacts/{contact.Id()}");
        var (revealed, values) = await CrmApi.SendAsync(agent.Api, HttpMethod.Post, $"/api/v1/contacts/{contact.Id()}/reveal?field=emails");
        var (badField, problem) = await CrmApi.SendAsync(agent.Api, HttpMethod.Post, $"/api/v1/contacts/{contact.Id()}/reveal?field=salary");
        var (refused, _) = await CrmApi.SendAsync(marketer.Api, HttpMethod.Post, $"/api/v1/contacts/{contact.Id()}/reveal?field=emails");
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?recordId={contact.Id()}&action=privacy.pii.revealed", TestContext.Current.CancellationToken);

        Assert.Equal("d***@example.com", masked.GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        Assert.Equal([$"dana.{tag}@example.com"], values.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, badField.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("field", out _));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal(agent.Id, entry.GetProperty("userId").GetGuid());
        Assert.Equal("emails", entry.GetProperty("field").GetString());
    }
}
