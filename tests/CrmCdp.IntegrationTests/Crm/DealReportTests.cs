using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.Web.Platform.Auth;

namespace CrmCdp.IntegrationTests.Crm;

[Collection(SharedAppGroup.Name)]
public sealed class DealReportTests(SharedApp app)
{
    [Fact]
    public async Task Forecast_and_stats_add_up_for_a_reps_own_deals()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var pipelines = await rep.Api.GetFromJsonAsync<JsonElement>("/api/v1/pipelines", TestContext.Current.CancellationToken);
        var pipeline = pipelines.EnumerateArray().First(p => p.GetProperty("name").GetString() == "Sales");
        var stages = pipeline.GetProperty("stages").EnumerateArray().Select(s => s.Id()).ToList();
        var reasons = await rep.Api.GetFromJsonAsync<JsonElement>("/api/v1/lost-reasons", TestContext.Current.CancellationToken);
        var nextMonth = DateTime.UtcNow.AddMonths(1);
        var closeDate = new DateOnly(nextMonth.Year, nextMonth.Month, 15).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        async Task<string> DealAsync(decimal amount, int stage)
        {
            var (_, deal) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/deals",
                new { name = CrmApi.Unique("F "), amount, pipelineId = pipeline.Id(), stageId = stages[stage], expectedCloseDate = closeDate });
            return deal.Id();
        }

        await DealAsync(1000m, 2);                      // 50 %: weighted 500
        await DealAsync(2000m, 3);                      // 75 %: weighted 1500
        var winner = await DealAsync(4000m, 0);
        await CrmApi.SendAsync(rep.Api, HttpMethod.Post, $"/api/v1/deals/{winner}/move", new { stageId = stages[1] });
        await CrmApi.SendAsync(rep.Api, HttpMethod.Post, $"/api/v1/deals/{winner}/move", new { outcome = "won", amount = 5000m });
        var loser = await DealAsync(700m, 0);
        await CrmApi.SendAsync(rep.Api, HttpMethod.Post, $"/api/v1/deals/{loser}/move", new { outcome = "lost", lostReasonId = reasons[0].Id() });

        var forecast = await rep.Api.GetFromJsonAsync<JsonElement>($"/api/v1/deals/forecast?pipelineId={pipeline.Id()}&months=3", TestContext.Current.CancellationToken);
        var stats = await rep.Api.GetFromJsonAsync<JsonElement>($"/api/v1/deals/stats?pipelineId={pipeline.Id()}&days=30", TestContext.Current.CancellationToken);
        var otherTeam = await app.CreateTeamAsync(CrmApi.Unique("Elsewhere "), null);
        var myTeam = await app.CreateTeamAsync(CrmApi.Unique("Mine "), null, rep.Id);
        var elsewhere = await rep.Api.GetFromJsonAsync<JsonElement>($"/api/v1/deals/forecast?pipelineId={pipeline.Id()}&months=3&teamId={otherTeam}", TestContext.Current.CancellationToken);
        var withMyTeam = await rep.Api.GetFromJsonAsync<JsonElement>($"/api/v1/deals/forecast?pipelineId={pipeline.Id()}&months=3&teamId={myTeam}", TestContext.Current.CancellationToken);
        var (badMonths, problem) = await CrmApi.SendAsync(rep.Api, HttpMethod.Get, $"/api/v1/deals/forecast?pipelineId={pipeline.Id()}&months=99");

        var rows = forecast.EnumerateArray().ToList();
        Assert.Equal(5000m, rows.Sum(r => r.GetProperty("committed").GetDecimal()));
        Assert.Equal(2000m, rows.Sum(r => r.GetProperty("weighted").GetDecimal()));
        Assert.Equal(8000m, rows.Sum(r => r.GetProperty("bestCase").GetDecimal()));
        Assert.All(rows, r => Assert.Equal(rep.Id, r.GetProperty("ownerId").GetGuid()));
        Assert.Equal(1, stats.GetProperty("won").GetInt32());
        Assert.Equal(1, stats.GetProperty("lost").GetInt32());
        Assert.Equal(50.0, stats.GetProperty("winRate").GetDouble());
        Assert.Equal(5000m, stats.GetProperty("averageWonAmount").GetDecimal());
        var qualification = stats.GetProperty("conversion")[0];
        Assert.Equal(2, qualification.GetProperty("entered").GetInt32());
        Assert.Equal(1, qualification.GetProperty("movedOn").GetInt32());
        Assert.Equal(0, elsewhere.GetArrayLength());
        Assert.Equal(8000m, withMyTeam.EnumerateArray().Sum(r => r.GetProperty("bestCase").GetDecimal()));
        Assert.Equal(HttpStatusCode.BadRequest, badMonths.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("months", out _));
    }
}
