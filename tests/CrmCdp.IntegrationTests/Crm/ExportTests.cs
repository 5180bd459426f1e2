using System.Net;
using CrmCdp.Web.Platform.Auth;

namespace CrmCdp.IntegrationTests.Crm;

[Collection(SharedAppGroup.Name)]
public sealed class ExportTests(SharedApp app)
{
    [Fact]
    public async Task A_marketer_exports_the_filtered_list_with_chosen_columns_and_personal_data_masked()
    {
        using var admin = app.AdminApi();
        var marketer = await app.CreateUserWithApiAsync(BuiltInRoles.Marketer);
        var tag = CrmApi.Unique("export");
        await CrmApi.CreateContactAsync(admin, new { firstName = "Eve", lastName = "Export", email = $"{tag}@example.com", tags = new[] { tag } });
        await CrmApi.CreateContactAsync(admin, new { firstName = "Olly", lastName = "Other, Jr.", tags = new[] { tag } });
        await CrmApi.CreateContactAsync(admin, new { firstName = "Not", lastName = "Tagged" });

        using var response = await marketer.Api.GetAsync($"/api/v1/contacts/export?tag={tag}&columns=firstName,lastName,email", TestContext.Current.CancellationToken);
        var csv = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("firstName,lastName,email", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains($"E***,E***,{tag[0]}***@example.com", lines);
        Assert.Contains("O***,O***,", lines);
        Assert.DoesNotContain(tag + "@", csv, StringComparison.Ordinal);

        var adminCsv = await admin.GetStringAsync($"/api/v1/contacts/export?tag={tag}&columns=firstName,lastName,email", TestContext.Current.CancellationToken);
        Assert.Contains($"Eve,Export,{tag}@example.com", adminCsv, StringComparison.Ordinal);
        Assert.Contains("Olly,\"Other, Jr.\",", adminCsv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_filters_by_custom_field_and_rejects_a_malformed_one()
    {
        using var admin = app.AdminApi();
        var key = $"tier{Guid.NewGuid().ToString("N")[..6]}";
        await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/custom-fields", new { key, label = "Tier", type = "text" });
        await CrmApi.CreateContactAsync(admin, new { firstName = "Gold", lastName = key, customFields = new Dictionary<string, object> { [key] = "gold" } });
        await CrmApi.CreateContactAsync(admin, new { firstName = "Plain", lastName = key, customFields = new Dictionary<string, object> { [key] = "basic" } });

        using var response = await admin.GetAsync($"/api/v1/contacts/export?customField={key}:gold&columns=firstName,lastName", TestContext.Current.CancellationToken);
        var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var (malformed, problem) = await CrmApi.SendAsync(admin, HttpMethod.Get, "/api/v1/contacts/export?customField=nokey");

        Assert.Equal(["firstName,lastName", $"Gold,{key}"], lines);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("customField", out _));
    }

    [Fact]
    public async Task A_sales_rep_may_not_export()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);

        using var response = await rep.Api.GetAsync("/api/v1/contacts/export", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_manager_exports_only_the_team()
    {
        var manager = await app.CreateUserWithApiAsync(BuiltInRoles.SalesManager);
        var teammate = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var outsider = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        await app.CreateTeamAsync(CrmApi.Unique("exp-team-"), manager.Id, teammate.Id);
        var tag = CrmApi.Unique("teamexport");
        await CrmApi.CreateContactAsync(teammate.Api, new { firstName = "Inside", tags = new[] { tag } });
        await CrmApi.CreateContactAsync(outsider.Api, new { firstName = "Outside", tags = new[] { tag } });

        var csv = await manager.Api.GetStringAsync($"/api/v1/contacts/export?tag={tag}&columns=firstName", TestContext.Current.CancellationToken);

        Assert.Equal(["firstName", "Inside"], csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task A_background_export_runs_as_a_job_and_only_its_requester_downloads_it()
    {
        using var admin = app.AdminApi();
        var marketer = await app.CreateUserWithApiAsync(BuiltInRoles.Marketer);
        var otherMarketer = await app.CreateUserWithApiAsync(BuiltInRoles.Marketer);
        var tag = CrmApi.Unique("bgexport");
        for (var i = 0; i < 3; i++)
        {
            await CrmApi.CreateContactAsync(admin, new { firstName = $"Row{i}", leadSource = $"Row{i}", tags = new[] { tag } });
        }

        // Background exports belong to signed-in users: they run later with the user's own roles.
        using var browser = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await CrmCdp.TestSupport.FormSignIn.SignInAsync(browser, marketer.Email, CrmCdp.TestSupport.AppFixture.TestPassword);
        var (started, export) = await CrmApi.SendAsync(browser, HttpMethod.Post, "/api/v1/contacts/exports", new { tag, columns = "leadSource" });
        var status = "queued";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (status is "queued" or "running" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            var (_, current) = await CrmApi.SendAsync(browser, HttpMethod.Get, $"/api/v1/contacts/exports/{export.Id()}");
            status = current.GetProperty("status").GetString();
        }

        using var download = await browser.GetAsync($"/api/v1/contacts/exports/{export.Id()}/download", TestContext.Current.CancellationToken);
        var csv = await download.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var stolen = await otherMarketer.Api.GetAsync($"/api/v1/contacts/exports/{export.Id()}/download", TestContext.Current.CancellationToken);
        using var ownKey = await marketer.Api.GetAsync($"/api/v1/contacts/exports/{export.Id()}/download", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("completed", status);
        Assert.Equal(["leadSource", "Row0", "Row1", "Row2"], csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, ownKey.StatusCode);
    }

    [Fact]
    public async Task Exported_values_cannot_run_as_spreadsheet_formulas()
    {
        using var admin = app.AdminApi();
        var tag = CrmApi.Unique("inject");
        await CrmApi.CreateContactAsync(admin, new { firstName = "=HYPERLINK(\"http://evil.example\")", lastName = "X", tags = new[] { tag } });

        var csv = await admin.GetStringAsync($"/api/v1/contacts/export?tag={tag}&columns=firstName", TestContext.Current.CancellationToken);

        Assert.DoesNotContain("\n=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.Contains("'=HYPERLINK", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_key_cannot_start_a_background_export()
    {
        var marketer = await app.CreateUserWithApiAsync(BuiltInRoles.Marketer);

        var (response, _) = await CrmApi.SendAsync(marketer.Api, HttpMethod.Post, "/api/v1/contacts/exports", new { });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
