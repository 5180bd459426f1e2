using System.Net;
using CrmCdp.Web.Platform.Auth;

namespace CrmCdp.IntegrationTests.Crm;

[Collection(SharedAppGroup.Name)]
public sealed class BulkActionTests(SharedApp app)
{
    [Fact]
    public async Task A_bulk_stage_change_applies_within_scope_and_counts_the_rest_as_skipped()
    {
        var alice = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var bob = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var mine = await CrmApi.CreateContactAsync(alice.Api, new { firstName = "Mine" });
        var theirs = await CrmApi.CreateContactAsync(bob.Api, new { firstName = "Theirs" });

        var (response, result) = await CrmApi.SendAsync(alice.Api, HttpMethod.Post, "/api/v1/contacts/bulk",
            new { ids = new[] { mine.Id(), theirs.Id() }, action = "setStage", lifecycleStage = "customer" });
        var (_, mineAfter) = await CrmApi.SendAsync(alice.Api, HttpMethod.Get, $"/api/v1/contacts/{mine.Id()}");
        var (_, theirsAfter) = await CrmApi.SendAsync(bob.Api, HttpMethod.Get, $"/api/v1/contacts/{theirs.Id()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, result.GetProperty("changed").GetInt32());
        Assert.Equal(1, result.GetProperty("skipped").GetInt32());
        Assert.Equal("customer", mineAfter.GetProperty("lifecycleStage").GetString());
        Assert.Equal("lead", theirsAfter.GetProperty("lifecycleStage").GetString());
    }

    [Fact]
    public async Task A_bulk_request_with_an_unknown_action_names_the_field()
    {
        using var api = app.AdminApi();

        var (response, problem) = await CrmApi.SendAsync(api, HttpMethod.Post, "/api/v1/contacts/bulk", new { ids = new[] { Guid.NewGuid() }, action = "explode" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("action", out _));
    }

    [Fact]
    public async Task Bulk_tagging_and_deleting_change_the_selected_contacts()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var first = await CrmApi.CreateContactAsync(rep.Api, new { firstName = "One" });
        var second = await CrmApi.CreateContactAsync(rep.Api, new { firstName = "Two" });
        var ids = new[] { first.Id(), second.Id() };

        var (tagged, _) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/contacts/bulk", new { ids, action = "addTag", tag = "webinar" });
        var (_, firstAfter) = await CrmApi.SendAsync(rep.Api, HttpMethod.Get, $"/api/v1/contacts/{first.Id()}");
        var (deleted, _) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/contacts/bulk", new { ids, action = "delete" });
        var (gone, _) = await CrmApi.SendAsync(rep.Api, HttpMethod.Get, $"/api/v1/contacts/{second.Id()}");

        Assert.Equal(HttpStatusCode.OK, tagged.StatusCode);
        Assert.Contains("webinar", firstAfter.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
