using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.Web.Platform.Auth;

namespace CrmCdp.IntegrationTests.Crm;

[Collection(SharedAppGroup.Name)]
public sealed class RecordScopeTests(SharedApp app)
{
    [Fact]
    public async Task A_sales_rep_cannot_see_another_reps_contact_by_id_list_or_edit()
    {
        var alice = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var bob = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var marker = CrmApi.Unique("own");
        var contact = await CrmApi.CreateContactAsync(alice.Api, new { firstName = marker });
        var path = $"/api/v1/contacts/{contact.Id()}";

        var (bobGet, _) = await CrmApi.SendAsync(bob.Api, HttpMethod.Get, path);
        var bobList = await bob.Api.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?search={marker}", TestContext.Current.CancellationToken);
        var (bobPut, _) = await CrmApi.SendAsync(bob.Api, HttpMethod.Put, path, new { firstName = "hijack", version = contact.GetProperty("version").GetUInt32() });
        var (bobDelete, _) = await CrmApi.SendAsync(bob.Api, HttpMethod.Delete, path);
        var (aliceGet, aliceBody) = await CrmApi.SendAsync(alice.Api, HttpMethod.Get, path);

        Assert.Equal(alice.Id.ToString(), contact.GetProperty("ownerId").GetString());
        Assert.Equal(HttpStatusCode.NotFound, bobGet.StatusCode);
        Assert.Empty(bobList.Ids());
        Assert.Equal(HttpStatusCode.NotFound, bobPut.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bobDelete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, aliceGet.StatusCode);
        Assert.Equal(marker, aliceBody.GetProperty("firstName").GetString());
    }

    [Fact]
    public async Task A_sales_rep_cannot_give_a_contact_to_someone_else()
    {
        var alice = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var bob = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);

        var (response, problem) = await CrmApi.SendAsync(alice.Api, HttpMethod.Post, "/api/v1/contacts", new { firstName = "X", ownerId = bob.Id });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("You can only assign contacts to yourself.", problem.GetProperty("errors").GetProperty("ownerId")[0].GetString());
    }

    [Fact]
    public async Task A_sales_manager_sees_the_team_but_not_other_teams()
    {
        var manager = await app.CreateUserWithApiAsync(BuiltInRoles.SalesManager);
        var teammate = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var outsider = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        await app.CreateTeamAsync(CrmApi.Unique("team-"), manager.Id, teammate.Id);
        await app.CreateTeamAsync(CrmApi.Unique("other-"), null, outsider.Id);
        var marker = CrmApi.Unique("team");
        var teammates = await CrmApi.CreateContactAsync(teammate.Api, new { firstName = marker });
        var outsiders = await CrmApi.CreateContactAsync(outsider.Api, new { firstName = marker });

        var list = await manager.Api.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?search={marker}", TestContext.Current.CancellationToken);
        var (editTeammates, _) = await CrmApi.SendAsync(manager.Api, HttpMethod.Put, $"/api/v1/contacts/{teammates.Id()}",
            new { firstName = marker, jobTitle = "Reviewed", version = teammates.GetProperty("version").GetUInt32() });
        var (getOutsiders, _) = await CrmApi.SendAsync(manager.Api, HttpMethod.Get, $"/api/v1/contacts/{outsiders.Id()}");

        Assert.Equal([teammates.Id()], list.Ids());
        Assert.Equal(HttpStatusCode.OK, editTeammates.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, getOutsiders.StatusCode);
    }

    [Fact]
    public async Task A_support_agent_reads_every_contact_but_edits_none()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var agent = await app.CreateUserWithApiAsync(BuiltInRoles.SupportAgent);
        var contact = await CrmApi.CreateContactAsync(rep.Api, new { firstName = CrmApi.Unique("support") });
        var path = $"/api/v1/contacts/{contact.Id()}";

        var (read, _) = await CrmApi.SendAsync(agent.Api, HttpMethod.Get, path);
        var (edit, _) = await CrmApi.SendAsync(agent.Api, HttpMethod.Put, path, new { firstName = "Changed", version = contact.GetProperty("version").GetUInt32() });
        var (create, _) = await CrmApi.SendAsync(agent.Api, HttpMethod.Post, "/api/v1/contacts", new { firstName = "New" });

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    [Fact]
    public async Task Activities_and_tasks_follow_the_visibility_of_their_contact()
    {
        var alice = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var bob = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var contact = await CrmApi.CreateContactAsync(alice.Api, new { firstName = CrmApi.Unique("act") });

        var (bobLogs, bobProblem) = await CrmApi.SendAsync(bob.Api, HttpMethod.Post, "/api/v1/activities", new { type = "note", contactId = contact.Id(), body = "sneaky" });
        var (aliceLogs, note) = await CrmApi.SendAsync(alice.Api, HttpMethod.Post, "/api/v1/activities", new { type = "note", contactId = contact.Id(), body = "Met at the fair" });
        var (bobReads, _) = await CrmApi.SendAsync(bob.Api, HttpMethod.Get, $"/api/v1/activities/{note.Id()}");
        var bobList = await bob.Api.GetFromJsonAsync<JsonElement>($"/api/v1/activities?contactId={contact.Id()}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, bobLogs.StatusCode);
        Assert.True(bobProblem.GetProperty("errors").TryGetProperty("contactId", out _));
        Assert.Equal(HttpStatusCode.Created, aliceLogs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bobReads.StatusCode);
        Assert.Empty(bobList.Ids());
    }
}
