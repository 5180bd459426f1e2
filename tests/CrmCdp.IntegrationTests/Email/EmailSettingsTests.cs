using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.Web.Platform.Auth;
using Npgsql;

namespace CrmCdp.IntegrationTests.Email;

public sealed class EmailSettingsTests(MailApp app) : IClassFixture<MailApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Saved_settings_replace_the_configuration_keep_the_password_encrypted_and_the_test_button_reports_the_servers_answer()
    {
        using var admin = app.AdminApi();
        var before = await admin.GetFromJsonAsync<JsonElement>("/api/v1/email/settings", Ct);

        var (saved, settings) = await CrmApi.SendAsync(admin, HttpMethod.Put, "/api/v1/email/settings", new
        {
            host = "127.0.0.1",
            port = app.Smtp.Port,
            tlsMode = "none",
            user = (string?)null,
            password = "pa55-Secret-Word",
            from = "Support Team <support@test.crmcdp.local>",
            replyTo = "help@test.crmcdp.local",
        });
        var (tested, result) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/email/settings/test", new { to = "admin-check@test.crmcdp.local" });
        var stored = await StoredPasswordAsync();
        var received = await app.Smtp.WaitForAsync(e => e.Message.To.Mailboxes.Any(m => m.Address == "admin-check@test.crmcdp.local"));

        Assert.Equal("configuration", before.GetProperty("source").GetString());
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("settings", settings.GetProperty("source").GetString());
        Assert.True(settings.GetProperty("passwordSet").GetBoolean());
        Assert.DoesNotContain("pa55-Secret-Word", settings.GetRawText(), StringComparison.Ordinal);
        Assert.NotNull(stored);
        Assert.DoesNotContain("pa55-Secret-Word", stored, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, tested.StatusCode);
        Assert.True(result.GetProperty("sent").GetBoolean(), result.GetRawText());
        Assert.Equal("support@test.crmcdp.local", received.Message.From.Mailboxes.Single().Address);
        Assert.Equal("help@test.crmcdp.local", received.Message.ReplyTo.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task Invalid_settings_name_their_fields_and_only_email_admins_may_see_them()
    {
        using var admin = app.AdminApi();
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);

        var (invalid, problem) = await CrmApi.SendAsync(admin, HttpMethod.Put, "/api/v1/email/settings", new { host = "", port = 70000, from = "nobody" });
        var (forbidden, _) = await CrmApi.SendAsync(rep.Api, HttpMethod.Get, "/api/v1/email/settings");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("host", out _));
        Assert.True(errors.TryGetProperty("port", out _));
        Assert.True(errors.TryGetProperty("from", out _));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    private async Task<string?> StoredPasswordAsync()
    {
        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT protected_password FROM platform_email_settings", connection);
        return await command.ExecuteScalarAsync(Ct) as string;
    }
}
