using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.Web.Modules.Crm.Tickets;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CrmCdp.IntegrationTests.Crm;

[Collection(SharedAppGroup.Name)]
public sealed class TicketTests(SharedApp app)
{
    private static readonly BusinessCalendar DefaultCalendar = new();

    private async Task ExecuteAsync(string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Targets_follow_business_hours_and_only_a_public_reply_stops_the_first_response_clock()
    {
        using var admin = app.AdminApi();
        var (created, ticket) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tickets", new { subject = "Printer on fire", priority = "urgent" });
        var createdAt = ticket.GetProperty("createdAt").GetDateTimeOffset();

        var (_, note) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/tickets/{ticket.Id()}/replies", new { body = "Checking logs", @internal = true });
        var (_, afterNote) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/tickets/{ticket.Id()}");
        var (replied, _) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/tickets/{ticket.Id()}/replies", new { body = "We are on it." });
        var (_, afterReply) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/tickets/{ticket.Id()}");
        var replies = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{ticket.Id()}/replies", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(DefaultCalendar.AddBusinessMinutes(createdAt, 60), ticket.GetProperty("firstResponseDueAt").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        Assert.Equal(DefaultCalendar.AddBusinessMinutes(createdAt, 240), ticket.GetProperty("resolutionDueAt").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        Assert.True(note.GetProperty("internal").GetBoolean());
        Assert.Equal(JsonValueKind.Null, afterNote.GetProperty("firstRespondedAt").ValueKind);
        Assert.Equal("new", afterNote.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Created, replied.StatusCode);
        Assert.NotEqual(JsonValueKind.Null, afterReply.GetProperty("firstRespondedAt").ValueKind);
        Assert.Equal("open", afterReply.GetProperty("status").GetString());
        Assert.Equal(2, replies.GetArrayLength());
    }

    [Fact]
    public async Task Pending_customer_pauses_the_resolution_clock_and_resuming_keeps_the_time_left()
    {
        using var admin = app.AdminApi();
        var (_, ticket) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tickets", new { subject = "Need invoice copy", priority = "low" });
        var due = ticket.GetProperty("resolutionDueAt").GetDateTimeOffset();

        var (_, paused) = await CrmApi.SendAsync(admin, HttpMethod.Put, $"/api/v1/tickets/{ticket.Id()}", new { subject = "Need invoice copy", status = "pendingCustomer" });
        var (_, resumed) = await CrmApi.SendAsync(admin, HttpMethod.Put, $"/api/v1/tickets/{ticket.Id()}", new { subject = "Need invoice copy", status = "open" });

        Assert.Equal(JsonValueKind.Null, paused.GetProperty("resolutionDueAt").ValueKind);
        Assert.True(paused.GetProperty("resolutionPaused").GetBoolean());
        Assert.False(resumed.GetProperty("resolutionPaused").GetBoolean());
        Assert.Equal(due, resumed.GetProperty("resolutionDueAt").GetDateTimeOffset(), TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task The_sla_job_records_a_breach_once_and_tells_the_assignee_and_the_team_lead()
    {
        using var admin = app.AdminApi();
        var agent = await app.CreateUserWithApiAsync(BuiltInRoles.SupportAgent);
        var lead = await app.CreateUserWithApiAsync(BuiltInRoles.SupportAgent);
        var team = await app.CreateTeamAsync(CrmApi.Unique("Support "), lead.Id, agent.Id);
        var (_, ticket) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tickets", new { subject = CrmApi.Unique("Slow "), assigneeId = agent.Id, teamId = team });
        await ExecuteAsync("UPDATE crm_tickets SET first_response_due_at = now() - interval '5 minutes' WHERE id = @id", Guid.Parse(ticket.Id()));
        var job = app.Factory.Services.GetRequiredService<TicketSlaJob>();

        await job.RunAsync(TestContext.Current.CancellationToken);
        await job.RunAsync(TestContext.Current.CancellationToken);
        var (_, breached) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/tickets/{ticket.Id()}");
        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        // The assignee was also told of the assignment; only the SLA notices count here.
        await using var count = new NpgsqlCommand("SELECT user_id, count(*) FROM platform_notifications WHERE link = @link AND kind = 'ticket_sla' GROUP BY user_id", connection);
        count.Parameters.AddWithValue("link", $"/crm/tickets/{ticket.Id()}");
        var notified = new Dictionary<Guid, long>();
        await using (var reader = await count.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                notified[reader.GetGuid(0)] = reader.GetInt64(1);
            }
        }

        Assert.NotEqual(JsonValueKind.Null, breached.GetProperty("firstResponseBreachedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, breached.GetProperty("resolutionBreachedAt").ValueKind);
        Assert.Equal(1, notified.GetValueOrDefault(agent.Id));
        Assert.Equal(1, notified.GetValueOrDefault(lead.Id));
    }

    [Fact]
    public async Task Agents_see_the_shared_queue_sales_reps_do_not_and_bad_input_names_the_field()
    {
        using var admin = app.AdminApi();
        var agent = await app.CreateUserWithApiAsync(BuiltInRoles.SupportAgent);
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var (_, ticket) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tickets", new { subject = CrmApi.Unique("Shared "), tags = new[] { "billing", "vip" }, channel = "email", type = "question" });

        var unassigned = await agent.Api.GetFromJsonAsync<JsonElement>("/api/v1/tickets?queue=unassigned&limit=500", TestContext.Current.CancellationToken);
        using var repList = await rep.Api.GetAsync("/api/v1/tickets", TestContext.Current.CancellationToken);
        var (bad, problem) = await CrmApi.SendAsync(agent.Api, HttpMethod.Post, "/api/v1/tickets", new { subject = "", priority = "critical" });
        var (taken, mine) = await CrmApi.SendAsync(agent.Api, HttpMethod.Put, $"/api/v1/tickets/{ticket.Id()}", new { subject = ticket.GetProperty("subject").GetString(), assigneeId = agent.Id });

        Assert.Contains(unassigned.EnumerateArray(), t => t.Id() == ticket.Id());
        Assert.Equal(["billing", "vip"], ticket.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("email", ticket.GetProperty("channel").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, repList.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("subject", out _) && problem.GetProperty("errors").TryGetProperty("priority", out _));
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Equal(agent.Id, mine.GetProperty("assigneeId").GetGuid());
    }

    [Fact]
    public async Task Round_robin_spreads_a_teams_tickets_evenly_and_skips_members_who_are_away()
    {
        using var admin = app.AdminApi();
        var agents = new List<(string Email, Guid Id, HttpClient Api)>();
        for (var i = 0; i < 3; i++)
        {
            agents.Add(await app.CreateUserWithApiAsync(BuiltInRoles.SupportAgent));
        }

        var team = await app.CreateTeamAsync(CrmApi.Unique("Round robin "), null, [.. agents.Select(a => a.Id)]);
        var (routed, _) = await CrmApi.SendAsync(admin, HttpMethod.Put, $"/api/v1/sla/routing/{team}", new { mode = "roundRobin" });
        var (badMode, modeProblem) = await CrmApi.SendAsync(admin, HttpMethod.Put, $"/api/v1/sla/routing/{team}", new { mode = "lottery" });

        async Task<Guid> OpenAsync()
        {
            var (_, ticket) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tickets", new { subject = CrmApi.Unique("RR "), teamId = team });
            return ticket.GetProperty("assigneeId").GetGuid();
        }

        var firstRound = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            firstRound.Add(await OpenAsync());
        }

        var away = agents[1];
        await CrmApi.SendAsync(admin, HttpMethod.Put, $"/api/v1/users/{away.Id}", new { displayName = away.Email, roles = new[] { BuiltInRoles.SupportAgent }, away = true });
        var whileAway = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            whileAway.Add(await OpenAsync());
        }

        Assert.Equal(HttpStatusCode.NoContent, routed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badMode.StatusCode);
        Assert.True(modeProblem.GetProperty("errors").TryGetProperty("mode", out _));
        Assert.All(agents, a => Assert.Equal(2, firstRound.Count(id => id == a.Id)));
        Assert.DoesNotContain(away.Id, whileAway);
        Assert.Equal(2, whileAway.Count(id => id == agents[0].Id));
        Assert.Equal(2, whileAway.Count(id => id == agents[2].Id));
    }

    [Fact]
    public async Task An_admin_sets_targets_and_the_calendar_and_new_tickets_use_them()
    {
        using var admin = app.AdminApi();
        var before = await admin.GetFromJsonAsync<JsonElement>("/api/v1/sla/calendar", TestContext.Current.CancellationToken);
        var (badCalendar, calendarProblem) = await CrmApi.SendAsync(admin, HttpMethod.Put, "/api/v1/sla/calendar",
            new { timeZoneId = "Mars/Olympus", workDays = new[] { 0, 9 }, opens = "17:00", closes = "09:00" });
        var (badPolicy, policyProblem) = await CrmApi.SendAsync(admin, HttpMethod.Put, "/api/v1/sla/policies",
            new[] { new { priority = "urgent", firstResponseMinutes = 120, resolutionMinutes = 60 } });
        var (savedCalendar, _) = await CrmApi.SendAsync(admin, HttpMethod.Put, "/api/v1/sla/calendar",
            new { timeZoneId = "UTC", workDays = new[] { 1, 2, 3, 4, 5, 6, 7 }, opens = "00:00", closes = "23:59", holidays = Array.Empty<string>() });
        var (_, ticket) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tickets", new { subject = "Around the clock", priority = "urgent" });
        await CrmApi.SendAsync(admin, HttpMethod.Put, "/api/v1/sla/calendar", before);

        var opened = ticket.GetProperty("createdAt").GetDateTimeOffset();
        Assert.Equal(HttpStatusCode.BadRequest, badCalendar.StatusCode);
        Assert.True(calendarProblem.GetProperty("errors").TryGetProperty("timeZoneId", out _) && calendarProblem.GetProperty("errors").TryGetProperty("workDays", out _)
            && calendarProblem.GetProperty("errors").TryGetProperty("closes", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badPolicy.StatusCode);
        Assert.True(policyProblem.GetProperty("errors").TryGetProperty("[0].resolutionMinutes", out _));
        Assert.Equal(HttpStatusCode.OK, savedCalendar.StatusCode);
        Assert.InRange(ticket.GetProperty("firstResponseDueAt").GetDateTimeOffset() - opened, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(62));
    }

    [Fact]
    public async Task The_support_dashboard_counts_what_the_caller_may_see()
    {
        using var admin = app.AdminApi();
        var roleName = CrmApi.Unique("OwnTickets");
        await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/roles", new { name = roleName, permissions = new Dictionary<string, string> { [Permissions.Crm.TicketsRead] = "own" } });
        var email = await app.CreateUserAsync(BuiltInRoles.SupportAgent);
        var userId = await app.UserIdAsync(email);
        using var own = await app.ApiClientForAsync(email, roleName);
        var (_, urgent) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tickets", new { subject = "Urgent one", priority = "urgent", assigneeId = userId });
        var (_, low) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tickets", new { subject = "Low one", priority = "low", assigneeId = userId });
        await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/tickets/{low.Id()}/replies", new { body = "Done" });
        await CrmApi.SendAsync(admin, HttpMethod.Put, $"/api/v1/tickets/{low.Id()}", new { subject = "Low one", status = "solved" });
        await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tickets", new { subject = "Not mine" });

        var dashboard = await own.GetFromJsonAsync<JsonElement>("/api/v1/tickets/dashboard", TestContext.Current.CancellationToken);

        Assert.Equal([("new", 1)], dashboard.GetProperty("openByStatus").EnumerateArray().Select(s => (s.GetProperty("key").GetString(), s.GetProperty("count").GetInt32())));
        Assert.Equal([("urgent", 1)], dashboard.GetProperty("openByPriority").EnumerateArray().Select(s => (s.GetProperty("key").GetString(), s.GetProperty("count").GetInt32())));
        Assert.NotEqual(JsonValueKind.Null, dashboard.GetProperty("medianFirstResponseMinutes").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, dashboard.GetProperty("medianResolutionHours").ValueKind);
        Assert.Equal(urgent.GetProperty("assigneeId").GetGuid(), userId);
    }

    [Fact]
    public async Task Duplicates_merge_with_their_conversation_and_tickets_are_assigned_in_bulk()
    {
        using var admin = app.AdminApi();
        var agent = await app.CreateUserWithApiAsync(BuiltInRoles.SupportAgent);
        var (_, original) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tickets", new { subject = CrmApi.Unique("Original ") });
        var (_, duplicate) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tickets", new { subject = CrmApi.Unique("Duplicate "), description = "Same problem again" });
        await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/tickets/{duplicate.Id()}/replies", new { body = "Reply on the duplicate" });

        var (merged, into) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/tickets/{duplicate.Id()}/merge", new { intoId = original.Id() });
        var (self, selfProblem) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/tickets/{original.Id()}/merge", new { intoId = original.Id() });
        var (_, closed) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/tickets/{duplicate.Id()}");
        var replies = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{original.Id()}/replies", TestContext.Current.CancellationToken);
        var (assigned, result) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/tickets/assign", new { ids = new[] { original.Id(), duplicate.Id() }, assigneeId = agent.Id });
        var mine = await agent.Api.GetFromJsonAsync<JsonElement>("/api/v1/tickets?queue=mine", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        Assert.Equal(original.Id(), into.Id());
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        Assert.True(selfProblem.GetProperty("errors").TryGetProperty("intoId", out _));
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Contains(replies.EnumerateArray(), r => r.GetProperty("body").GetString() == "Reply on the duplicate");
        Assert.Contains(replies.EnumerateArray(), r => r.GetProperty("internal").GetBoolean() && r.GetProperty("body").GetString()!.Contains("Same problem again", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Equal(2, result.GetProperty("changed").GetInt32());
        Assert.Equal([original.Id()], mine.EnumerateArray().Select(t => t.Id()));
    }
}
