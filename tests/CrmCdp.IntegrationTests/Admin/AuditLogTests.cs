using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace CrmCdp.IntegrationTests.Admin;

[Collection(SharedAppGroup.Name)]
public sealed class AuditLogTests(SharedApp app)
{
    private static async Task<JsonElement[]> AuditAsync(HttpClient api, string query)
    {
        var page = await api.GetFromJsonAsync<JsonElement>($"/api/v1/audit?{query}", TestContext.Current.CancellationToken);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    [Fact]
    public async Task Contact_changes_are_audited_with_the_fields_before_and_after()
    {
        using var admin = app.AdminApi();
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var contact = await CrmApi.CreateContactAsync(rep.Api, new { firstName = "Audra", jobTitle = "Analyst" });
        var version = contact.GetProperty("version").GetUInt32();
        await CrmApi.SendAsync(rep.Api, HttpMethod.Put, $"/api/v1/contacts/{contact.Id()}", new { firstName = "Audra", jobTitle = "Director", version });

        var entries = await AuditAsync(admin, $"recordId={contact.Id()}");

        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "crm.contact.created" && e.GetProperty("userId").GetGuid() == rep.Id);
        var change = Assert.Single(entries, e => e.GetProperty("action").GetString() == "crm.contact.updated");
        Assert.Equal("Analyst", change.GetProperty("before").GetString());
        Assert.Equal("Director", change.GetProperty("after").GetString());
        Assert.Equal(rep.Email, change.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Sign_ins_api_keys_and_exports_are_audited()
    {
        using var admin = app.AdminApi();
        var email = await app.CreateUserAsync(BuiltInRoles.Marketer);
        using var browser = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (await FormSignIn.PostLoginAsync(browser, email, "wrong-password"))
        using (await FormSignIn.PostLoginAsync(browser, email, AppFixture.TestPassword))
        {
        }

        var userId = await app.UserIdAsync(email);
        var name = CrmApi.Unique("audited key ");
        var (_, created) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/api-keys", new { name, role = BuiltInRoles.Marketer });
        await CrmApi.SendAsync(admin, HttpMethod.Delete, $"/api/v1/api-keys/{created.Id()}");
        using var marketer = await app.ApiClientForAsync(email, BuiltInRoles.Marketer);
        using (await marketer.GetAsync("/api/v1/contacts/export?tag=nothing-here", TestContext.Current.CancellationToken))
        {
        }

        var signIns = await AuditAsync(admin, $"userId={userId}&action=auth.");
        var keyEntries = await AuditAsync(admin, $"recordId={created.Id()}");
        var exports = await AuditAsync(admin, $"userId={userId}&action=crm.export");

        Assert.Contains(signIns, e => e.GetProperty("action").GetString() == "auth.signin.failed");
        Assert.Contains(signIns, e => e.GetProperty("action").GetString() == "auth.signin.succeeded");
        Assert.Equal(["admin.apikey.revoked", "admin.apikey.created"], keyEntries.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("Exported 0 contacts", Assert.Single(exports).GetProperty("summary").GetString());
    }

    [Fact]
    public async Task The_audit_log_cannot_be_changed_or_emptied_even_in_sql()
    {
        using var admin = app.AdminApi();
        await CrmApi.CreateContactAsync(admin, new { firstName = "Trail" });
        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);

        foreach (var sql in new[] { "UPDATE admin_audit_log SET summary = 'forged'", "DELETE FROM admin_audit_log", "TRUNCATE admin_audit_log" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
            Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Only_holders_of_the_audit_permissions_read_or_export_it()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        using var admin = app.AdminApi();

        using var read = await rep.Api.GetAsync("/api/v1/audit", TestContext.Current.CancellationToken);
        using var export = await rep.Api.GetAsync("/api/v1/audit/export", TestContext.Current.CancellationToken);
        var (badLimit, problem) = await CrmApi.SendAsync(admin, HttpMethod.Get, "/api/v1/audit?limit=0");
        using var adminExport = await admin.GetAsync("/api/v1/audit/export?action=crm.contact.", TestContext.Current.CancellationToken);
        var csv = await adminExport.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("limit", out _));
        Assert.StartsWith("Id,At,UserId,Actor,Action", csv, StringComparison.Ordinal);
    }
}
