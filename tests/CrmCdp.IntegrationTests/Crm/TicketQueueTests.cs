using System.Net;
using System.Text.Json;

namespace CrmCdp.IntegrationTests.Crm;

[Collection(SharedAppGroup.Name)]
public sealed class TicketQueueTests(SharedApp app)
{
    private static async Task<IReadOnlyList<string>> SubjectsAsync(HttpClient api, string query)
    {
        var (response, tickets) = await CrmApi.SendAsync(api, HttpMethod.Get, $"/api/v1/tickets?queue=all&limit=200&{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. tickets.EnumerateArray().Select(t => t.GetProperty("subject").GetString()!)];
    }

    [Fact]
    public async Task The_queue_searches_subject_number_and_requester_and_filters_and_sorts()
    {
        using var admin = app.AdminApi();
        var marker = CrmApi.Unique("q");
        var email = $"{marker}@example.com";
        var (_, company) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/companies", new { name = CrmApi.Unique("Queue Co ") });
        var person = await CrmApi.CreateContactAsync(admin, new { firstName = "Quinn", email });
        var (_, low) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tickets", new { subject = $"{marker} low one", priority = "low" });
        var (_, urgent) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tickets", new { subject = $"{marker} urgent one", priority = "urgent" });
        var (_, raised) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tickets", new { subject = "Raised by a person", contactId = person.Id() });
        // The person joins the company after raising the ticket: the company's queue still holds it.
        var (joined, _) = await CrmApi.SendAsync(admin, HttpMethod.Put, $"/api/v1/contacts/{person.Id()}",
            new { firstName = "Quinn", email, companyId = company.Id(), version = person.GetProperty("version").GetUInt32() });
        var number = urgent.GetProperty("number").GetInt64();

        Assert.Equal([$"{marker} urgent one", $"{marker} low one"], await SubjectsAsync(admin, $"q={marker}&sort=priority"));
        Assert.Equal([$"{marker} urgent one"], await SubjectsAsync(admin, $"q={marker}&priority=urgent"));
        Assert.Equal([$"{marker} urgent one"], await SubjectsAsync(admin, $"q=%23{number}"));
        Assert.Equal(["Raised by a person"], await SubjectsAsync(admin, $"q={Uri.EscapeDataString(email)}"));
        Assert.Equal(["Raised by a person"], await SubjectsAsync(admin, $"contactId={person.Id()}"));
        Assert.Contains("Raised by a person", await SubjectsAsync(admin, $"companyId={company.Id()}"));
        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        Assert.Equal(JsonValueKind.Null, raised.GetProperty("companyId").ValueKind);
        Assert.NotEqual(low.Id(), urgent.Id());
    }

    [Theory]
    [InlineData("sort=sideways", "sort")]
    [InlineData("priority=whenever", "priority")]
    [InlineData("status=lost", "status")]
    [InlineData("queue=theirs", "queue")]
    public async Task A_bad_queue_query_names_its_parameter(string query, string field)
    {
        using var admin = app.AdminApi();

        var (response, problem) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/tickets?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(JsonValueKind.Object, problem.ValueKind);
    }
}
