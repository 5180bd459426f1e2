using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CrmCdp.IntegrationTests.Crm;

[Collection(SharedAppGroup.Name)]
public sealed class DealTests(SharedApp app)
{
    private static async Task<JsonElement> PipelineAsync(HttpClient api)
    {
        var pipelines = await api.GetFromJsonAsync<JsonElement>("/api/v1/pipelines", TestContext.Current.CancellationToken);
        return pipelines.EnumerateArray().First(p => p.GetProperty("name").GetString() == "Sales");
    }

    private static string StageId(JsonElement pipeline, int index) => pipeline.GetProperty("stages")[index].Id();

    private static async Task<JsonElement> CreateDealAsync(HttpClient api, object body)
    {
        var (response, deal) = await CrmApi.SendAsync(api, HttpMethod.Post, "/api/v1/deals", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Creating a deal answered {(int)response.StatusCode}: {deal}");
        return deal;
    }

    [Fact]
    public async Task The_board_sums_count_total_and_weighted_amount_per_stage_on_the_server()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var pipeline = await PipelineAsync(rep.Api);
        var proposal = StageId(pipeline, 2);
        await CreateDealAsync(rep.Api, new { name = "Alpha", amount = 1000m, pipelineId = pipeline.Id(), stageId = proposal });
        await CreateDealAsync(rep.Api, new { name = "Beta", amount = 3000m, pipelineId = pipeline.Id(), stageId = proposal });
        await CreateDealAsync(rep.Api, new { name = "Dollar", amount = 500m, currency = "usd", pipelineId = pipeline.Id(), stageId = proposal });
        await CreateDealAsync(rep.Api, new { name = "Early", amount = 200m, pipelineId = pipeline.Id() });

        var board = await rep.Api.GetFromJsonAsync<JsonElement>($"/api/v1/deals/board?pipelineId={pipeline.Id()}&ownerId={rep.Id}", TestContext.Current.CancellationToken);
        var column = board.EnumerateArray().Single(c => c.GetProperty("stage").Id() == proposal);
        var first = board[0];
        var euro = column.GetProperty("totals").EnumerateArray().Single(t => t.GetProperty("currency").GetString() == "EUR");

        Assert.Equal(3, column.GetProperty("count").GetInt32());
        Assert.Equal(4000m, euro.GetProperty("amount").GetDecimal());
        Assert.Equal(2000m, euro.GetProperty("weighted").GetDecimal());
        Assert.Equal(250m, column.GetProperty("totals").EnumerateArray().Single(t => t.GetProperty("currency").GetString() == "USD").GetProperty("weighted").GetDecimal());
        Assert.Equal(["Alpha", "Beta", "Dollar"], column.GetProperty("deals").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        Assert.Equal(1, first.GetProperty("count").GetInt32());
        Assert.Equal(20m, first.GetProperty("totals")[0].GetProperty("weighted").GetDecimal());
    }

    [Fact]
    public async Task Won_needs_an_amount_and_lost_needs_a_reason_and_every_move_is_in_the_history()
    {
        using var admin = app.AdminApi();
        var pipeline = await PipelineAsync(admin);
        var deal = await CreateDealAsync(admin, new { name = CrmApi.Unique("Rules "), amount = 800m, pipelineId = pipeline.Id() });
        var reasons = await admin.GetFromJsonAsync<JsonElement>("/api/v1/lost-reasons", TestContext.Current.CancellationToken);

        var (toStage, moved) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/deals/{deal.Id()}/move", new { stageId = StageId(pipeline, 1) });
        var (foreignStage, foreignProblem) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/deals/{deal.Id()}/move", new { stageId = Guid.NewGuid() });
        var (lostNoReason, lostProblem) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/deals/{deal.Id()}/move", new { outcome = "lost" });
        var (wonNoAmount, wonProblem) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/deals/{deal.Id()}/move", new { outcome = "won" });
        var (lost, lostDeal) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/deals/{deal.Id()}/move", new { outcome = "lost", lostReasonId = reasons[0].Id() });
        var (reopened, _) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/deals/{deal.Id()}/move", new { stageId = StageId(pipeline, 3) });
        var (won, wonDeal) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/deals/{deal.Id()}/move", new { outcome = "won", amount = 950m });
        var history = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/deals/{deal.Id()}/history", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, toStage.StatusCode);
        Assert.Equal(StageId(pipeline, 1), moved.GetProperty("stageId").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, foreignStage.StatusCode);
        Assert.True(foreignProblem.GetProperty("errors").TryGetProperty("stageId", out _));
        Assert.Equal(HttpStatusCode.BadRequest, lostNoReason.StatusCode);
        Assert.True(lostProblem.GetProperty("errors").TryGetProperty("lostReasonId", out _));
        Assert.Equal(HttpStatusCode.BadRequest, wonNoAmount.StatusCode);
        Assert.True(wonProblem.GetProperty("errors").TryGetProperty("amount", out _));
        Assert.Equal("lost", lostDeal.GetProperty("outcome").GetString());
        Assert.Equal(reasons[0].GetProperty("name").GetString(), lostDeal.GetProperty("lostReason").GetString());
        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        Assert.Equal("won", wonDeal.GetProperty("outcome").GetString());
        Assert.Equal(950m, wonDeal.GetProperty("amount").GetDecimal());
        Assert.Equal(["open", "open", "lost", "open", "won"], history.EnumerateArray().Select(h => h.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task Stage_history_records_the_time_spent_in_the_previous_stage()
    {
        using var admin = app.AdminApi();
        var pipeline = await PipelineAsync(admin);
        var deal = await CreateDealAsync(admin, new { name = CrmApi.Unique("Timed "), pipelineId = pipeline.Id() });
        await using (var connection = new NpgsqlConnection(app.Factory.ConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var backdate = new NpgsqlCommand("UPDATE crm_deals SET stage_entered_at = now() - interval '3 days' WHERE id = @id", connection);
            backdate.Parameters.AddWithValue("id", Guid.Parse(deal.Id()));
            await backdate.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var (_, before) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/deals/{deal.Id()}");
        await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/deals/{deal.Id()}/move", new { stageId = StageId(pipeline, 1) });
        var history = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/deals/{deal.Id()}/history", TestContext.Current.CancellationToken);
        var seconds = history[1].GetProperty("secondsInPrevious").GetInt64();

        Assert.Equal(3, before.GetProperty("daysInStage").GetInt32());
        Assert.InRange(seconds, 3 * 86_400 - 60, 3 * 86_400 + 60);
        Assert.Equal("Qualification", history[1].GetProperty("fromStage").GetString());
    }

    [Fact]
    public async Task Deals_follow_the_owner_scope_and_record_internal_events()
    {
        var alice = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var bob = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var pipeline = await PipelineAsync(alice.Api);
        var contact = await CrmApi.CreateContactAsync(alice.Api, new { firstName = "Buyer" });
        var deal = await CreateDealAsync(alice.Api, new { name = "Private", pipelineId = pipeline.Id(), contactIds = new[] { contact.Id() } });

        var (seen, _) = await CrmApi.SendAsync(bob.Api, HttpMethod.Get, $"/api/v1/deals/{deal.Id()}");
        var (moved, _) = await CrmApi.SendAsync(bob.Api, HttpMethod.Post, $"/api/v1/deals/{deal.Id()}/move", new { stageId = StageId(pipeline, 1) });
        var (foreignContact, problem) = await CrmApi.SendAsync(bob.Api, HttpMethod.Post, "/api/v1/deals", new { name = "Sneaky", pipelineId = pipeline.Id(), contactIds = new[] { contact.Id() } });
        var (invalid, invalidProblem) = await CrmApi.SendAsync(bob.Api, HttpMethod.Post, "/api/v1/deals", new { name = "", amount = -5, currency = "euro" });
        await CrmApi.SendAsync(alice.Api, HttpMethod.Post, $"/api/v1/deals/{deal.Id()}/move", new { outcome = "won", amount = 10m });
        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var events = new NpgsqlCommand("SELECT type FROM crm_internal_events WHERE record_id = @id AND @contact = ANY(contact_ids) ORDER BY id", connection);
        events.Parameters.AddWithValue("id", Guid.Parse(deal.Id()));
        events.Parameters.AddWithValue("contact", Guid.Parse(contact.Id()));
        var types = new List<string>();
        await using (var reader = await events.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                types.Add(reader.GetString(0));
            }
        }

        Assert.Equal(HttpStatusCode.NotFound, seen.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, moved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, foreignContact.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("contactIds", out _));
        var errors = invalidProblem.GetProperty("errors");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True(errors.TryGetProperty("name", out _) && errors.TryGetProperty("amount", out _) && errors.TryGetProperty("currency", out _) && errors.TryGetProperty("pipelineId", out _));
        Assert.Equal(["deal.created", "deal.won"], types);
    }

    [Fact]
    public async Task Deals_export_as_csv_within_the_export_scope_and_bulk_actions_skip_what_is_out_of_scope()
    {
        var manager = await app.CreateUserWithApiAsync(BuiltInRoles.SalesManager);
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var stranger = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        await app.CreateTeamAsync(CrmApi.Unique("Export team "), manager.Id, rep.Id);
        var pipeline = await PipelineAsync(rep.Api);
        var tag = CrmApi.Unique("csv");
        var mine = await CreateDealAsync(rep.Api, new { name = $"{tag} team deal", amount = 100m, pipelineId = pipeline.Id() });
        var theirs = await CreateDealAsync(stranger.Api, new { name = $"{tag} other deal", amount = 200m, pipelineId = pipeline.Id() });

        var csv = await manager.Api.GetStringAsync($"/api/v1/deals/export?pipelineId={pipeline.Id()}&search={tag}", TestContext.Current.CancellationToken);
        using var repExport = await rep.Api.GetAsync($"/api/v1/deals/export?pipelineId={pipeline.Id()}", TestContext.Current.CancellationToken);
        var emptyTeam = await app.CreateTeamAsync(CrmApi.Unique("Empty "), null);
        var teamCsv = await manager.Api.GetStringAsync($"/api/v1/deals/export?pipelineId={pipeline.Id()}&search={tag}&teamId={emptyTeam}", TestContext.Current.CancellationToken);
        var (_, closing) = await CrmApi.SendAsync(manager.Api, HttpMethod.Get, $"/api/v1/deals?pipelineId={pipeline.Id()}&search={tag}&closeFrom=2000-01-01");
        var (bulk, result) = await CrmApi.SendAsync(manager.Api, HttpMethod.Post, "/api/v1/deals/bulk",
            new { ids = new[] { mine.Id(), theirs.Id() }, action = "assignOwner", ownerId = manager.Id });
        var (tagging, problem) = await CrmApi.SendAsync(manager.Api, HttpMethod.Post, "/api/v1/deals/bulk", new { ids = new[] { mine.Id() }, action = "addTag", tag = "x" });
        var (_, reassigned) = await CrmApi.SendAsync(manager.Api, HttpMethod.Get, $"/api/v1/deals/{mine.Id()}");

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("id,name,amount,currency", lines[0], StringComparison.Ordinal);
        Assert.Single(lines, l => l.Contains($"{tag} team deal", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains($"{tag} other deal", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, repExport.StatusCode);
        Assert.Single(teamCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(closing.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);
        Assert.Equal(1, result.GetProperty("changed").GetInt32());
        Assert.Equal(1, result.GetProperty("skipped").GetInt32());
        Assert.Equal(manager.Id, reassigned.GetProperty("ownerId").GetGuid());
        Assert.Equal(HttpStatusCode.BadRequest, tagging.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("action", out _));
    }

    [Fact]
    public async Task Activities_and_tasks_hang_on_deals_and_show_on_the_deal_timeline()
    {
        var alice = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var bob = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var pipeline = await PipelineAsync(alice.Api);
        var deal = await CreateDealAsync(alice.Api, new { name = CrmApi.Unique("Linked "), pipelineId = pipeline.Id() });

        var (logged, activity) = await CrmApi.SendAsync(alice.Api, HttpMethod.Post, "/api/v1/activities",
            new { type = "call", dealId = deal.Id(), body = "Discussed pricing", occurredAt = DateTimeOffset.UtcNow, durationMinutes = 15 });
        var (tasked, task) = await CrmApi.SendAsync(alice.Api, HttpMethod.Post, "/api/v1/tasks",
            new { title = "Send proposal", type = "email", dueAt = DateTimeOffset.UtcNow.AddDays(1), dealId = deal.Id() });
        var (foreign, problem) = await CrmApi.SendAsync(bob.Api, HttpMethod.Post, "/api/v1/activities",
            new { type = "note", dealId = deal.Id(), body = "Not my deal", occurredAt = DateTimeOffset.UtcNow });
        var admin = new CrmCdp.Web.Platform.Auth.AccessContext(null, Permissions.All.ToDictionary(p => p, _ => RecordScope.All), new HashSet<Guid>());
        var timeline = await app.Factory.Services.GetRequiredService<CrmCdp.Web.Modules.Crm.Timeline.TimelineService>()
            .ForRecordAsync(admin, CrmCdp.Web.Modules.Crm.Common.CrmRecordType.Deal, Guid.Parse(deal.Id()), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, logged.StatusCode);
        Assert.Equal(deal.Id(), activity.GetProperty("dealId").GetString());
        Assert.Equal(HttpStatusCode.Created, tasked.StatusCode);
        Assert.Equal(deal.Id(), task.GetProperty("dealId").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("dealId", out _));
        Assert.Contains(timeline, i => i.Detail == "Discussed pricing");
        Assert.Contains(timeline, i => i.Title.Contains("Send proposal", StringComparison.Ordinal));
    }
}
