using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.Web.Modules.Crm.Contracts;
using CrmCdp.Web.Platform.Auth;
using CrmCdp.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCdp.IntegrationTests.Crm;

[Collection(SharedAppGroup.Name)]
public sealed class SalesDashboardTests(SharedApp app)
{
    private const string SalesPipeline = "0193a000-0000-7000-8000-000000000001";
    private const string Qualification = "0193a000-0000-7000-8000-000000000011";
    private const string Proposal = "0193a000-0000-7000-8000-000000000013";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Quotas_are_validated_set_by_admins_only_and_seen_through_deal_scopes()
    {
        var manager = await app.CreateUserWithApiAsync(BuiltInRoles.SalesManager);
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var other = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        await app.CreateTeamAsync(CrmApi.Unique("Quota team "), manager.Id, rep.Id);
        var admin = app.AdminApi();
        var month = DateTime.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var (first, _) = await CrmApi.SendAsync(admin, HttpMethod.Put, "/api/v1/quotas", new { userId = rep.Id, pipelineId = SalesPipeline, month, amount = 5000m });
        var (replaced, quota) = await CrmApi.SendAsync(admin, HttpMethod.Put, "/api/v1/quotas", new { userId = rep.Id, pipelineId = SalesPipeline, month, amount = 7000m });
        await CrmApi.SendAsync(admin, HttpMethod.Put, "/api/v1/quotas", new { userId = other.Id, pipelineId = SalesPipeline, month, amount = 3000m });
        var (badMonth, badMonthProblem) = await CrmApi.SendAsync(admin, HttpMethod.Put, "/api/v1/quotas", new { userId = rep.Id, pipelineId = SalesPipeline, month = "12/2026", amount = 1m });
        var (negative, negativeProblem) = await CrmApi.SendAsync(admin, HttpMethod.Put, "/api/v1/quotas", new { userId = Guid.NewGuid(), pipelineId = SalesPipeline, month, amount = -1m });
        var (byManager, _) = await CrmApi.SendAsync(manager.Api, HttpMethod.Put, "/api/v1/quotas", new { userId = rep.Id, pipelineId = SalesPipeline, month, amount = 1m });
        var (noPipeline, noPipelineProblem) = await CrmApi.SendAsync(rep.Api, HttpMethod.Get, "/api/v1/quotas");

        var managerSees = await manager.Api.GetFromJsonAsync<JsonElement>($"/api/v1/quotas?pipelineId={SalesPipeline}&from={month}&months=1", Ct);
        var otherSees = await other.Api.GetFromJsonAsync<JsonElement>($"/api/v1/quotas?pipelineId={SalesPipeline}&from={month}&months=1", Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(7000m, quota.GetProperty("amount").GetDecimal());
        Assert.Equal(month, quota.GetProperty("month").GetString());
        Assert.Equal("EUR", quota.GetProperty("currency").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badMonth.StatusCode);
        Assert.True(badMonthProblem.GetProperty("errors").TryGetProperty("month", out _));
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.True(negativeProblem.GetProperty("errors").TryGetProperty("amount", out _));
        Assert.True(negativeProblem.GetProperty("errors").TryGetProperty("userId", out _));
        Assert.Equal(HttpStatusCode.Forbidden, byManager.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noPipeline.StatusCode);
        Assert.True(noPipelineProblem.GetProperty("errors").TryGetProperty("pipelineId", out _));
        var managerRow = Assert.Single(managerSees.EnumerateArray(), q => q.GetProperty("userId").GetGuid() == rep.Id);
        Assert.Equal(7000m, managerRow.GetProperty("amount").GetDecimal());
        Assert.DoesNotContain(managerSees.EnumerateArray(), q => q.GetProperty("userId").GetGuid() == other.Id);
        Assert.Equal(other.Id, Assert.Single(otherSees.EnumerateArray()).GetProperty("userId").GetGuid());
    }

    [Fact]
    public async Task The_manager_sees_the_teams_forecast_against_quota_and_the_rep_only_their_own_numbers()
    {
        var manager = await app.CreateUserWithApiAsync(BuiltInRoles.SalesManager);
        var closer = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var starter = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var outsider = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        await app.CreateTeamAsync(CrmApi.Unique("Dashboard team "), manager.Id, closer.Id, starter.Id);
        var admin = app.AdminApi();
        var month = DateTime.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var closeDate = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await CrmApi.SendAsync(admin, HttpMethod.Put, "/api/v1/quotas", new { userId = closer.Id, pipelineId = SalesPipeline, month, amount = 10000m });
        await CrmApi.SendAsync(admin, HttpMethod.Put, "/api/v1/quotas", new { userId = starter.Id, pipelineId = SalesPipeline, month, amount = 4000m });

        async Task<string> DealAsync(HttpClient api, decimal amount, string stage)
        {
            var (response, deal) = await CrmApi.SendAsync(api, HttpMethod.Post, "/api/v1/deals",
                new { name = CrmApi.Unique("Dash "), amount, pipelineId = SalesPipeline, stageId = stage, expectedCloseDate = closeDate });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return deal.Id();
        }

        var won = await DealAsync(closer.Api, 6000m, Qualification);
        await CrmApi.SendAsync(closer.Api, HttpMethod.Post, $"/api/v1/deals/{won}/move", new { outcome = "won", amount = 6000m });
        var stale = await DealAsync(starter.Api, 2000m, Proposal);
        var outsiders = await DealAsync(outsider.Api, 9999m, Qualification);
        await CrmApi.SendAsync(outsider.Api, HttpMethod.Post, $"/api/v1/deals/{outsiders}/move", new { outcome = "won", amount = 9999m });
        var contact = await CrmApi.CreateContactAsync(closer.Api, new { firstName = "Dana", lastName = CrmApi.Unique("Intent "), emails = new[] { $"{Guid.NewGuid():N}@example.com" } });
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var tasks = scope.ServiceProvider.GetRequiredService<ICrmSalesTasks>();
            await tasks.AddFollowUpAsync(db, Guid.Parse(contact.Id()), "Call {name}", "High intent.", DateTimeOffset.UtcNow.AddDays(1), SalesTaskOrigins.Activation, cancellationToken: Ct);
            await db.SaveChangesAsync(Ct);
            // The proposal has sat for 12 days, past the stage's 10.
            await db.Database.ExecuteSqlAsync($"UPDATE crm_deals SET stage_entered_at = now() - interval '12 days' WHERE id = {Guid.Parse(stale)}", Ct);
        }

        var team = await manager.Api.GetFromJsonAsync<JsonElement>($"/api/v1/dashboards/roles/sales-manager?pipelineId={SalesPipeline}", Ct);
        var mine = await closer.Api.GetFromJsonAsync<JsonElement>($"/api/v1/dashboards/roles/sales-rep?pipelineId={SalesPipeline}", Ct);
        var (repAsManager, _) = await CrmApi.SendAsync(closer.Api, HttpMethod.Get, $"/api/v1/dashboards/roles/sales-manager?pipelineId={SalesPipeline}");

        var quotas = team.GetProperty("quotas").EnumerateArray().ToList();
        var closerRow = Assert.Single(quotas, q => q.GetProperty("userId").GetGuid() == closer.Id);
        Assert.Equal(10000m, closerRow.GetProperty("quota").GetDecimal());
        Assert.Equal(6000m, closerRow.GetProperty("won").GetDecimal());
        Assert.Equal(60.0, closerRow.GetProperty("attainment").GetDouble());
        var starterRow = Assert.Single(quotas, q => q.GetProperty("userId").GetGuid() == starter.Id);
        Assert.Equal(0m, starterRow.GetProperty("won").GetDecimal());
        Assert.Equal(1000m, starterRow.GetProperty("weighted").GetDecimal());
        Assert.Equal(0.0, starterRow.GetProperty("attainment").GetDouble());
        Assert.DoesNotContain(quotas, q => q.GetProperty("userId").GetGuid() == outsider.Id);
        var proposalStage = Assert.Single(team.GetProperty("pipeline").EnumerateArray(), s => s.GetProperty("stage").GetString() == "Proposal sent");
        Assert.Equal(1, proposalStage.GetProperty("deals").GetInt32());
        Assert.Equal(2000m, proposalStage.GetProperty("amount").GetDecimal());
        var closerPerformance = Assert.Single(team.GetProperty("reps").EnumerateArray(), r => r.GetProperty("userId").GetGuid() == closer.Id);
        Assert.Equal(1, closerPerformance.GetProperty("won").GetInt32());
        Assert.Equal(100.0, closerPerformance.GetProperty("winRate").GetDouble());
        var atRisk = Assert.Single(team.GetProperty("atRisk").EnumerateArray());
        Assert.Equal(stale, atRisk.Id());
        Assert.Equal(12, atRisk.GetProperty("daysInStage").GetInt32());

        var thisMonth = mine.GetProperty("forecast")[0];
        Assert.Equal(month, thisMonth.GetProperty("month").GetString());
        Assert.Equal(6000m, thisMonth.GetProperty("won").GetDecimal());
        Assert.Equal(10000m, thisMonth.GetProperty("quota").GetDecimal());
        Assert.All(mine.GetProperty("pipeline").EnumerateArray(), s => Assert.Equal(0, s.GetProperty("deals").GetInt32()));
        Assert.Equal(1, mine.GetProperty("waitingTaskCount").GetInt32());
        Assert.Equal("activation", mine.GetProperty("waitingTasks")[0].GetProperty("origin").GetString());
        Assert.StartsWith("Call Dana", mine.GetProperty("waitingTasks")[0].GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, repAsManager.StatusCode);
    }
}
