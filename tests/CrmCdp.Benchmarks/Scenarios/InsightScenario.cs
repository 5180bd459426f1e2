using System.Diagnostics;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Admin.SystemHealth;
using CrmCdp.Web.Modules.Cdp.Insights;
using CrmCdp.Web.Modules.Crm.Dashboards;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CrmCdp.Benchmarks.Scenarios;

/// <summary>
/// Insights at 10,000,000 events from 1,000,000 profiles over 90 days: a 30-day daily trend with a breakdown, a 3-step
/// funnel over 30 days with a 7-day window, 8-week retention, and each role dashboard, each timed against plain SQL over
/// the same raw events in the same run (a count of the question's events in its range: the least any answer reads).
/// </summary>
internal sealed class InsightScenario(int profiles = 1_000_000, int eventsPerProfile = 10) : IScenario
{
    private const int Days = 90;
    private const int Runs = 3;

    public string Name => "insights";

    public string Description => $"insights over {profiles:N0} profiles, {profiles * eventsPerProfile:N0} events in {Days} days";

    public async Task<ScenarioResult> RunAsync()
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CRMCDP_WEB", CrmImportScenario.WebProjectDirectory());
        await using var app = new AppFixture();
        await app.StartAsync("benchinsights", settings: new Dictionary<string, string?>
        {
            ["Cdp:Resolution:Enabled"] = "false",
            ["Cdp:Audiences:Enabled"] = "false",
            ["Jobs:RunServer"] = "false",
        });
        var services = app.Factory.Services;
        var connectionString = app.Factory.ConnectionString;
        var stopwatch = Stopwatch.StartNew();
        await AudienceData.GenerateAsync(connectionString, profiles, eventsPerProfile, Days);
        Print($"generated {profiles:N0} profiles and {profiles * eventsPerProfile:N0} events over {Days} days in {stopwatch.Elapsed.TotalSeconds:N1} s");

        var access = AccessContext.System("benchmark", [.. Permissions.All]);
        var now = DateTimeOffset.UtcNow;
        var month = (From: now.AddDays(-30), To: now);
        var trend = new TrendRequest
        {
            Series = [new TrendSeries { Event = "Product Viewed", Math = InsightMath.Total }],
            Interval = "day",
            From = month.From,
            To = month.To,
            TimeZone = "Europe/Lisbon",
            Breakdown = new InsightBreakdown { Property = "category" },
        };
        var funnel = new FunnelRequest
        {
            Steps = [new InsightEvent { Event = "Product Viewed" }, new InsightEvent { Event = "Pricing Viewed" }, new InsightEvent { Event = "Order Completed" }],
            Window = new InsightWindow { Amount = 7, Unit = "days" },
            From = month.From,
            To = month.To,
            TimeZone = "Europe/Lisbon",
        };
        var retention = new RetentionRequest
        {
            StartEvent = new InsightEvent { Event = "Signed Up" },
            ReturnEvent = new InsightEvent { Event = "Product Viewed" },
            Interval = "week",
            Periods = 8,
            From = now.AddDays(-56),
            To = now,
            TimeZone = "Europe/Lisbon",
        };

        var rows = new List<(string Question, double Ours, double Plain, string Limit)>
        {
            ("30-day daily trend with a breakdown", await TimeAsync(() => services.GetRequiredService<Trends>().RunAsync(access, trend)),
                await PlainAsync(connectionString, ["Product Viewed"], month.From, month.To), "under 1 s"),
            ("3-step funnel, 30 days, 7-day window", await TimeAsync(() => services.GetRequiredService<Funnels>().RunAsync(access, funnel)),
                await PlainAsync(connectionString, ["Product Viewed", "Pricing Viewed", "Order Completed"], month.From, month.To.AddDays(7)), "under 2 s"),
            ("8-week retention", await TimeAsync(() => services.GetRequiredService<Retention>().RunAsync(access, retention)),
                await PlainAsync(connectionString, ["Signed Up", "Product Viewed"], now.AddDays(-56), now), "under 2 s"),
            ("marketer dashboard", await TimeAsync(() => services.GetRequiredService<MarketerDashboards>().MarketerAsync(access, TimeZoneInfo.Utc)),
                await PlainAsync(connectionString, null, now.AddDays(-14), now), "under 1 s"),
            ("admin dashboard (jobs, database size, ingestion counts)", await TimeAsync(() => services.GetRequiredService<SystemHealth>().CurrentAsync(access)),
                await PlainAsync(connectionString, null, now.AddMinutes(-5), now), "under 1 s"),
            ("sales manager dashboard", await TimeAsync(() => services.GetRequiredService<SalesDashboards>().ManagerAsync(access)), 0, "under 1 s"),
            ("support lead dashboard", await TimeAsync(() => services.GetRequiredService<SupportLeadDashboards>().LeadAsync(access)), 0, "under 1 s"),
        };
        foreach (var (question, ours, plain, limit) in rows)
        {
            Print($"{question}: median {ours:N0} ms (target {limit}){(plain > 0 ? $"; plain SQL counting the same events {plain:N0} ms ({ours / plain:N1}x)" : " (no CRM records in this dataset)")}");
        }

        await ExplainAsync(connectionString, "funnel", connection => new FunnelSql(funnel).Command("SELECT count(*) FROM s0 UNION ALL SELECT count(*) FROM s1 UNION ALL SELECT count(*) FROM s2", connection));
        await ExplainAsync(connectionString, "retention", connection => new RetentionSql(retention).Command(connection));
        var slowest = rows.Take(3).MaxBy(r => r.Ours);
        return new ScenarioResult($"{slowest.Question}", slowest.Ours, "plain SQL counting its events", slowest.Plain, " ms", LowerIsBetter: true);
    }

    private static async Task<double> TimeAsync<T>(Func<Task<T>> question) => await Timing.MedianMillisecondsAsync(question, Runs);

    /// <summary>The baseline: how long PostgreSQL takes just to count the question's raw events in its range.</summary>
    private static async Task<double> PlainAsync(string connectionString, string[]? events, DateTimeOffset from, DateTimeOffset to)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await Timing.MedianMillisecondsAsync(async () =>
        {
            await using var command = new NpgsqlCommand(
                $"SELECT count(*) FROM cdp_events WHERE \"timestamp\" >= @from AND \"timestamp\" < @to{(events is null ? "" : " AND event = ANY(@events)")}", connection)
            { CommandTimeout = 600 };
            command.Parameters.AddWithValue("from", from);
            command.Parameters.AddWithValue("to", to);
            if (events is not null)
            {
                command.Parameters.AddWithValue("events", events);
            }

            await command.ExecuteScalarAsync();
        }, Runs);
    }

    /// <summary>The plan of one of the slowest questions, for the record, run as the app runs it (in its transaction, with its settings).</summary>
    private static async Task ExplainAsync(string connectionString, string question, Func<NpgsqlConnection, NpgsqlCommand> statement)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var settings = new NpgsqlCommand(InsightAccess.Settings, connection))
        {
            await settings.ExecuteNonQueryAsync();
        }

        await using var command = statement(connection);
        command.CommandText = "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + command.CommandText;
        await using var reader = await command.ExecuteReaderAsync();
        Print($"plan of the {question}:");
        while (await reader.ReadAsync())
        {
            Print("  " + reader.GetString(0));
        }
    }

    private static void Print(string line) => Console.WriteLine("   " + line);
}
