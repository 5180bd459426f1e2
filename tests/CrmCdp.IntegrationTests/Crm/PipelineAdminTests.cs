using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.Web.Platform.Auth;

namespace CrmCdp.IntegrationTests.Crm;

[Collection(SharedAppGroup.Name)]
public sealed class PipelineAdminTests(SharedApp app)
{
    [Fact]
    public async Task An_admin_defines_a_pipeline_visible_to_one_team_and_stages_with_deals_cannot_be_removed()
    {
        using var admin = app.AdminApi();
        var insider = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var outsider = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var team = await app.CreateTeamAsync(CrmApi.Unique("Enterprise "), null, insider.Id);
        var name = CrmApi.Unique("Enterprise pipeline ");

        var (created, pipeline) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/pipelines", new
        {
            name,
            currency = "usd",
            visibleToTeamIds = new[] { team },
            stages = new object[] { new { name = "Discovery", probability = 20, rottingDays = 30 }, new { name = "Contract", probability = 90 } },
        });
        var insiderSees = await insider.Api.GetFromJsonAsync<JsonElement>("/api/v1/pipelines", TestContext.Current.CancellationToken);
        var outsiderSees = await outsider.Api.GetFromJsonAsync<JsonElement>("/api/v1/pipelines", TestContext.Current.CancellationToken);
        var (outsiderDeal, outsiderProblem) = await CrmApi.SendAsync(outsider.Api, HttpMethod.Post, "/api/v1/deals", new { name = "No", pipelineId = pipeline.Id() });
        var (_, deal) = await CrmApi.SendAsync(insider.Api, HttpMethod.Post, "/api/v1/deals", new { name = "Yes", pipelineId = pipeline.Id() });
        var discovery = pipeline.GetProperty("stages")[0];
        var contract = pipeline.GetProperty("stages")[1];
        var (removeUsed, removeProblem) = await CrmApi.SendAsync(admin, HttpMethod.Put, $"/api/v1/pipelines/{pipeline.Id()}", new
        {
            name,
            stages = new object[] { new { id = contract.Id(), name = "Contract", probability = 90 } },
        });
        var (reordered, reorderedPipeline) = await CrmApi.SendAsync(admin, HttpMethod.Put, $"/api/v1/pipelines/{pipeline.Id()}", new
        {
            name,
            currency = "USD",
            stages = new object[] { new { id = contract.Id(), name = "Signed", probability = 95 }, new { id = discovery.Id(), name = "Discovery", probability = 25 }, new { name = "Legal", probability = 80 } },
        });
        var (deleteWithDeals, _) = await CrmApi.SendAsync(admin, HttpMethod.Delete, $"/api/v1/pipelines/{pipeline.Id()}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("USD", pipeline.GetProperty("currency").GetString());
        Assert.Contains(insiderSees.EnumerateArray(), p => p.Id() == pipeline.Id());
        Assert.DoesNotContain(outsiderSees.EnumerateArray(), p => p.Id() == pipeline.Id());
        Assert.Equal(HttpStatusCode.BadRequest, outsiderDeal.StatusCode);
        Assert.True(outsiderProblem.GetProperty("errors").TryGetProperty("pipelineId", out _));
        Assert.Equal("USD", deal.GetProperty("currency").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, removeUsed.StatusCode);
        Assert.True(removeProblem.GetProperty("errors").TryGetProperty("stages", out _));
        Assert.Equal(HttpStatusCode.OK, reordered.StatusCode);
        Assert.Equal(["Signed", "Discovery", "Legal"], reorderedPipeline.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, deleteWithDeals.StatusCode);
    }

    [Fact]
    public async Task Invalid_pipelines_and_reasons_are_refused_field_by_field_and_only_admins_manage_them()
    {
        using var admin = app.AdminApi();
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);

        var (bad, problem) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/pipelines", new
        {
            name = "",
            currency = "euros",
            stages = new object[] { new { name = "A", probability = 150, rottingDays = 0 }, new { name = "a", probability = 10 } },
        });
        var (badReason, reasonProblem) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/lost-reasons", new { name = "" });
        var (reason, added) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/lost-reasons", new { name = CrmApi.Unique("Legal ") });
        var (retired, _) = await CrmApi.SendAsync(admin, HttpMethod.Put, $"/api/v1/lost-reasons/{added.Id()}", new { name = added.GetProperty("name").GetString(), active = false });
        var (repTries, _) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/pipelines", new { name = "Mine", stages = new object[] { new { name = "S", probability = 5 } } });

        var errors = problem.GetProperty("errors");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(errors.TryGetProperty("name", out _) && errors.TryGetProperty("currency", out _) && errors.TryGetProperty("stages[0].probability", out _)
            && errors.TryGetProperty("stages[0].rottingDays", out _) && errors.TryGetProperty("stages", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badReason.StatusCode);
        Assert.True(reasonProblem.GetProperty("errors").TryGetProperty("name", out _));
        Assert.Equal(HttpStatusCode.Created, reason.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, repTries.StatusCode);
    }
}
