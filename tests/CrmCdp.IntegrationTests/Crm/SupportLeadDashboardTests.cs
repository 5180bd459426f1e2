using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.Web.Platform.Auth;
using CrmCdp.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCdp.IntegrationTests.Crm;

/// <summary>On a database of its own: a team-scoped lead also sees every unassigned ticket, so other tests' tickets would count.</summary>
public sealed class SupportLeadDashboardTests : IAsyncLifetime
{
    private readonly CrmCdp.TestSupport.AppFixture _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _app.StartAsync("support-lead");

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task The_lead_sees_this_weeks_compliance_breaches_backlog_and_each_agents_times_for_their_team_only()
    {
        var lead = await _app.CreateUserWithApiAsync(BuiltInRoles.SupportAgent);
        var agent = await _app.CreateUserWithApiAsync(BuiltInRoles.SupportAgent);
        var team = await _app.CreateTeamAsync(CrmApi.Unique("Support team "), lead.Id, agent.Id);
        var admin = _app.AdminApi();
        var (_, met) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tickets", new { subject = CrmApi.Unique("Met "), priority = "high", assigneeId = agent.Id, teamId = team });
        var (_, breached) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tickets", new { subject = CrmApi.Unique("Late "), priority = "urgent", assigneeId = agent.Id, teamId = team });
        var outsider = await _app.CreateUserWithApiAsync(BuiltInRoles.SupportAgent);
        _ = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tickets", new { subject = CrmApi.Unique("Other team "), priority = "low", assigneeId = outsider.Id });
        var due = DateTimeOffset.UtcNow.AddSeconds(-2);
        await using (var scope = _app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // Both fell due a moment ago, an hour after they came in: one answered after 30 minutes, one never.
            await db.Database.ExecuteSqlAsync($"""
                UPDATE crm_tickets SET created_at = {due.AddHours(-1)}, first_response_due_at = {due}, first_responded_at = {due.AddMinutes(-30)} WHERE id = {Guid.Parse(met.Id())}
                """, Ct);
            await db.Database.ExecuteSqlAsync($"""
                UPDATE crm_tickets SET created_at = {due.AddHours(-1)}, first_response_due_at = {due}, first_response_breached_at = {due} WHERE id = {Guid.Parse(breached.Id())}
                """, Ct);
        }

        var dashboard = await lead.Api.GetFromJsonAsync<JsonElement>("/api/v1/dashboards/roles/support-lead", Ct);
        var (forRep, _) = await CrmApi.SendAsync((await _app.CreateUserWithApiAsync(BuiltInRoles.SalesRep)).Api, HttpMethod.Get, "/api/v1/dashboards/roles/support-lead");

        Assert.Equal(50.0, dashboard.GetProperty("compliancePercent").GetDouble());
        Assert.Equal(2, dashboard.GetProperty("dueThisWeek").GetInt32());
        Assert.Equal(1, dashboard.GetProperty("breaches").GetInt32());
        var backlog = dashboard.GetProperty("backlogByPriority").EnumerateArray().ToDictionary(b => b.GetProperty("key").GetString()!, b => b.GetProperty("count").GetInt32());
        Assert.Equal((1, 1, 0), (backlog["urgent"], backlog["high"], backlog["low"]));
        var row = Assert.Single(dashboard.GetProperty("agents").EnumerateArray());
        Assert.Equal(agent.Id, row.GetProperty("userId").GetGuid());
        Assert.Equal((2, 1), (row.GetProperty("open").GetInt32(), row.GetProperty("breached").GetInt32()));
        Assert.Equal(30.0, row.GetProperty("medianFirstResponseMinutes").GetDouble());
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, forRep.StatusCode);
    }
}
