using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CrmCdp.IntegrationTests.Crm;

[Collection(SharedAppGroup.Name)]
public sealed class ContactApiTests(SharedApp app)
{
    [Fact]
    public async Task Creating_a_contact_normalizes_email_and_phone_and_answers_201()
    {
        using var api = app.AdminApi();
        var email = $"{CrmApi.Unique("Dana.")}@Example.COM";

        using var response = await api.PostAsJsonAsync("/api/v1/contacts", new
        {
            firstName = "Dana",
            lastName = "Scully",
            email = $"  {email} ",
            phones = new[] { "(415) 555-0132" },
            jobTitle = "Head of Ops",
            lifecycleStage = "mql",
            tags = new[] { "vip", "vip", "east" },
        }, TestContext.Current.CancellationToken);
        var contact = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/contacts/{contact.Id()}", response.Headers.Location!.OriginalString);
        Assert.Equal(email.ToLowerInvariant(), contact.GetProperty("email").GetString());
        Assert.Equal("+14155550132", contact.GetProperty("phones")[0].GetString());
        Assert.Equal("mql", contact.GetProperty("lifecycleStage").GetString());
        Assert.Equal(["vip", "east"], contact.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(JsonValueKind.Object, contact.GetProperty("customFields").ValueKind);
    }

    [Fact]
    public async Task Invalid_fields_are_a_400_naming_each_field()
    {
        using var api = app.AdminApi();

        var (response, problem) = await CrmApi.SendAsync(api, HttpMethod.Post, "/api/v1/contacts", new
        {
            email = "not-an-email",
            phones = new[] { "12" },
            lifecycleStage = "wizard",
            tags = new[] { new string('x', 51) },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = problem.GetProperty("errors");
        Assert.Contains("not a valid email", errors.GetProperty("email")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("phone number", errors.GetProperty("phones[0]")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("subscriber, lead, mql", errors.GetProperty("lifecycleStage")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("tags[0]", out _));
    }

    [Fact]
    public async Task A_contact_needs_a_name_or_an_email()
    {
        using var api = app.AdminApi();

        var (response, problem) = await CrmApi.SendAsync(api, HttpMethod.Post, "/api/v1/contacts", new { jobTitle = "CEO" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Give the contact a name or an email address.", problem.GetProperty("errors").GetProperty("firstName")[0].GetString());
    }

    [Fact]
    public async Task An_unknown_id_is_404_and_a_bad_company_is_a_400()
    {
        using var api = app.AdminApi();

        var (missing, _) = await CrmApi.SendAsync(api, HttpMethod.Get, $"/api/v1/contacts/{Guid.NewGuid()}");
        var (badCompany, problem) = await CrmApi.SendAsync(api, HttpMethod.Post, "/api/v1/contacts", new { firstName = "A", companyId = Guid.NewGuid() });

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badCompany.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("companyId", out _));
    }

    [Fact]
    public async Task A_stale_version_is_a_409_and_nothing_is_overwritten()
    {
        using var api = app.AdminApi();
        var created = await CrmApi.CreateContactAsync(api, new { firstName = "Fox", lastName = "Mulder" });
        var path = $"/api/v1/contacts/{created.Id()}";
        var version = created.GetProperty("version").GetUInt32();

        var (first, firstBody) = await CrmApi.SendAsync(api, HttpMethod.Put, path, new { firstName = "Fox", lastName = "Mulder", jobTitle = "Agent", version });
        var (second, conflict) = await CrmApi.SendAsync(api, HttpMethod.Put, path, new { firstName = "Foxy", lastName = "Mulder", version });
        var (_, current) = await CrmApi.SendAsync(api, HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(version, firstBody.GetProperty("version").GetUInt32());
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("Someone else changed this contact", conflict.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal("Fox", current.GetProperty("firstName").GetString());
        Assert.Equal("Agent", current.GetProperty("jobTitle").GetString());
    }

    [Fact]
    public async Task An_update_without_a_version_is_refused()
    {
        using var api = app.AdminApi();
        var created = await CrmApi.CreateContactAsync(api, new { firstName = "Walter" });

        var (response, problem) = await CrmApi.SendAsync(api, HttpMethod.Put, $"/api/v1/contacts/{created.Id()}", new { firstName = "Walt" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("version", out _));
    }

    [Fact]
    public async Task Search_finds_contacts_by_name_email_phone_and_company()
    {
        using var api = app.AdminApi();
        var marker = CrmApi.Unique("zq");
        var (_, company) = await CrmApi.SendAsync(api, HttpMethod.Post, "/api/v1/companies", new { name = $"Acme {marker} Ltd", domain = $"{marker}.example" });
        var byName = await CrmApi.CreateContactAsync(api, new { firstName = $"Nina{marker}", lastName = "Simone" });
        var byEmail = await CrmApi.CreateContactAsync(api, new { email = $"{marker}@mail.example" });
        var byCompany = await CrmApi.CreateContactAsync(api, new { firstName = "Joe", companyId = company.Id() });
        var phoneDigits = "212555" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var byPhone = await CrmApi.CreateContactAsync(api, new { firstName = "Phone", phones = new[] { $"+1 {phoneDigits}" } });

        var found = await api.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?search={marker}", TestContext.Current.CancellationToken);
        var foundByPhone = await api.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?search={phoneDigits[..3]} {phoneDigits[3..6]}-{phoneDigits[6..]}", TestContext.Current.CancellationToken);

        Assert.Contains(byPhone.Id(), foundByPhone.Ids());
        Assert.Equal(new[] { byName.Id(), byEmail.Id(), byCompany.Id() }.Order(), found.Ids().Order());
    }

    [Fact]
    public async Task Lists_page_with_a_cursor_until_the_end()
    {
        using var api = app.AdminApi();
        var tag = CrmApi.Unique("page");
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await CrmApi.CreateContactAsync(api, new { firstName = $"P{i}", tags = new[] { tag } })).Id());
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await api.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?tag={tag}&limit=2{(cursor is null ? "" : $"&cursor={cursor}")}", TestContext.Current.CancellationToken);
            seen.AddRange(page.Ids());
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(created.Order(), seen.Order());
    }

    [Fact]
    public async Task A_deleted_contact_disappears_and_an_admin_can_restore_it()
    {
        using var api = app.AdminApi();
        var created = await CrmApi.CreateContactAsync(api, new { firstName = "Gone", lastName = CrmApi.Unique("soon") });
        var path = $"/api/v1/contacts/{created.Id()}";

        var (deleted, _) = await CrmApi.SendAsync(api, HttpMethod.Delete, path);
        var (afterDelete, _) = await CrmApi.SendAsync(api, HttpMethod.Get, path);
        var (restored, body) = await CrmApi.SendAsync(api, HttpMethod.Post, $"{path}/restore");
        var (afterRestore, _) = await CrmApi.SendAsync(api, HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterDelete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Equal("Gone", body.GetProperty("firstName").GetString());
        Assert.Equal(HttpStatusCode.OK, afterRestore.StatusCode);
    }

    [Fact]
    public async Task An_invalid_filter_value_is_a_400_naming_the_parameter()
    {
        using var api = app.AdminApi();

        var (response, problem) = await CrmApi.SendAsync(api, HttpMethod.Get, "/api/v1/contacts?lifecycleStage=martian");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("lifecycleStage", out _));
    }

    [Fact]
    public async Task Standard_field_filters_combine()
    {
        using var api = app.AdminApi();
        var tag = CrmApi.Unique("flt");
        var match = await CrmApi.CreateContactAsync(api, new { firstName = "Match", jobTitle = "VP Engineering", leadSource = "Webinar", emailConsent = true, tags = new[] { tag } });
        await CrmApi.CreateContactAsync(api, new { firstName = "WrongTitle", jobTitle = "Buyer", leadSource = "Webinar", emailConsent = true, tags = new[] { tag } });
        await CrmApi.CreateContactAsync(api, new { firstName = "WrongSource", jobTitle = "VP Sales", leadSource = "Referral", emailConsent = true, tags = new[] { tag } });
        await CrmApi.CreateContactAsync(api, new { firstName = "NoConsent", jobTitle = "VP Ops", leadSource = "Webinar", emailConsent = false, tags = new[] { tag } });
        var since = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));

        var found = await api.GetFromJsonAsync<JsonElement>(
            $"/api/v1/contacts?tag={tag}&jobTitle=vp&leadSource=Webinar&emailConsent=true&createdAfter={since}", TestContext.Current.CancellationToken);
        var none = await api.GetFromJsonAsync<JsonElement>(
            $"/api/v1/contacts?tag={tag}&createdBefore={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-1).ToString("O"))}", TestContext.Current.CancellationToken);

        Assert.Equal([match.Id()], found.Ids());
        Assert.Empty(none.Ids());
    }
}
