using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.Web.Platform.Auth;

namespace CrmCdp.IntegrationTests.Crm;

[Collection(SharedAppGroup.Name)]
public sealed class TicketRequesterTests(SharedApp app)
{
    [Fact]
    public async Task A_requester_email_finds_or_makes_the_contact_and_the_ticket_takes_their_company()
    {
        using var admin = app.AdminApi();
        var (_, company) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/companies", new { name = CrmApi.Unique("Requester Co ") });
        var known = await CrmApi.CreateContactAsync(admin, new { firstName = "Rita", lastName = "Known", email = $"{CrmApi.Unique("rita")}@example.com", companyId = company.Id() });
        var newEmail = $"{CrmApi.Unique("first-timer")}@example.com";

        var (forKnown, knownTicket) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tickets",
            new { subject = "Cannot export", requesterEmail = known.GetProperty("email").GetString()!.ToUpperInvariant() });
        var (forNew, newTicket) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tickets", new { subject = "Where is my invoice", requesterEmail = newEmail });
        var (again, secondTicket) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tickets", new { subject = "Still no invoice", requesterEmail = newEmail });
        var made = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?email={Uri.EscapeDataString(newEmail)}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, forKnown.StatusCode);
        Assert.Equal(known.Id(), knownTicket.GetProperty("contactId").GetString());
        Assert.Equal(company.Id(), knownTicket.GetProperty("companyId").GetString());
        Assert.Equal("Rita Known", knownTicket.GetProperty("requesterName").GetString());
        Assert.Equal(company.GetProperty("name").GetString(), knownTicket.GetProperty("companyName").GetString());
        Assert.Equal(HttpStatusCode.Created, forNew.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(newEmail, newTicket.GetProperty("requesterEmail").GetString());
        Assert.Equal(newTicket.GetProperty("contactId").GetString(), secondTicket.GetProperty("contactId").GetString());
        Assert.Equal(newTicket.GetProperty("contactId").GetString(), Assert.Single(made.Ids()));
    }

    [Fact]
    public async Task A_refused_ticket_names_the_field_and_leaves_no_contact_behind()
    {
        using var admin = app.AdminApi();
        var email = $"{CrmApi.Unique("ghost")}@example.com";

        var (badEmail, badEmailProblem) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tickets", new { subject = "Hello", requesterEmail = "not an email" });
        var (noSubject, noSubjectProblem) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tickets", new { subject = "", requesterEmail = email });
        var (badAssignee, badAssigneeProblem) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tickets", new { subject = "Hi", requesterEmail = email, assigneeId = Guid.NewGuid() });
        var contacts = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?email={Uri.EscapeDataString(email)}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, badEmail.StatusCode);
        Assert.True(badEmailProblem.GetProperty("errors").TryGetProperty("requesterEmail", out _));
        Assert.Equal(HttpStatusCode.BadRequest, noSubject.StatusCode);
        Assert.True(noSubjectProblem.GetProperty("errors").TryGetProperty("subject", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badAssignee.StatusCode);
        Assert.True(badAssigneeProblem.GetProperty("errors").TryGetProperty("assigneeId", out _));
        Assert.Empty(contacts.Ids());
    }

    [Fact]
    public async Task An_agent_sees_the_requester_masked_when_their_role_hides_personal_data()
    {
        using var admin = app.AdminApi();
        var agent = await app.CreateUserWithApiAsync(BuiltInRoles.SupportAgent);
        var email = $"{CrmApi.Unique("masked")}@example.com";
        var contact = await CrmApi.CreateContactAsync(admin, new { firstName = "Maria", lastName = "Hidden", email });

        var (_, ticket) = await CrmApi.SendAsync(agent.Api, HttpMethod.Post, "/api/v1/tickets", new { subject = "Masked requester", contactId = contact.Id() });

        Assert.Equal(contact.Id(), ticket.GetProperty("contactId").GetString());
        Assert.DoesNotContain("Maria", ticket.GetProperty("requesterName").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(email, ticket.GetProperty("requesterEmail").GetString());
        Assert.StartsWith("M", ticket.GetProperty("requesterName").GetString(), StringComparison.Ordinal);
    }
}
