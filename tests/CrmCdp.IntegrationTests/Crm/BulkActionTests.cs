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

    [Fact]
    public async Task Bulk_actions_on_companies_respect_scope_and_delete_softly()
    {
        var alice = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var bob = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var (_, mine) = await CrmApi.SendAsync(alice.Api, HttpMethod.Post, "/api/v1/companies", new { name = CrmApi.Unique("Mine Co ") });
        var (_, theirs) = await CrmApi.SendAsync(bob.Api, HttpMethod.Post, "/api/v1/companies", new { name = CrmApi.Unique("Theirs Co ") });
        var ids = new[] { mine.Id(), theirs.Id() };

        var (tagged, tagResult) = await CrmApi.SendAsync(alice.Api, HttpMethod.Post, "/api/v1/companies/bulk", new { ids, action = "addTag", tag = "key-account" });
        var (_, mineAfter) = await CrmApi.SendAsync(alice.Api, HttpMethod.Get, $"/api/v1/companies/{mine.Id()}");
        var (_, theirsAfter) = await CrmApi.SendAsync(bob.Api, HttpMethod.Get, $"/api/v1/companies/{theirs.Id()}");
        var (badStage, stageProblem) = await CrmApi.SendAsync(alice.Api, HttpMethod.Post, "/api/v1/companies/bulk", new { ids, action = "setStage" });
        var (deleted, _) = await CrmApi.SendAsync(alice.Api, HttpMethod.Post, "/api/v1/companies/bulk", new { ids, action = "delete" });
        var (gone, _) = await CrmApi.SendAsync(alice.Api, HttpMethod.Get, $"/api/v1/companies/{mine.Id()}");
        var (stillThere, _) = await CrmApi.SendAsync(bob.Api, HttpMethod.Get, $"/api/v1/companies/{theirs.Id()}");
        using var admin = app.AdminApi();
        var (restored, _) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/companies/{mine.Id()}/restore");

        Assert.Equal(HttpStatusCode.OK, tagged.StatusCode);
        Assert.Equal(1, tagResult.GetProperty("changed").GetInt32());
        Assert.Equal(1, tagResult.GetProperty("skipped").GetInt32());
        Assert.Contains("key-account", mineAfter.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.DoesNotContain("key-account", theirsAfter.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, badStage.StatusCode);
        Assert.True(stageProblem.GetProperty("errors").TryGetProperty("action", out _));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
    }

    [Fact]
    public async Task Assigning_companies_to_another_user_is_refused_to_an_own_scope_rep()
    {
        var alice = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var bob = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var (_, mine) = await CrmApi.SendAsync(alice.Api, HttpMethod.Post, "/api/v1/companies", new { name = CrmApi.Unique("Keep Co ") });

        var (response, problem) = await CrmApi.SendAsync(alice.Api, HttpMethod.Post, "/api/v1/companies/bulk",
            new { ids = new[] { mine.Id() }, action = "assignOwner", ownerId = bob.Id });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("ownerId", out _));
    }
}
