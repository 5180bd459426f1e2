using System.Diagnostics;
using System.Globalization;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Common.Records;
using CrmCdp.Web.Modules.Crm.CustomFields;
using CrmCdp.Web.Modules.Crm.Pipeline;
using CrmCdp.Web.Platform.Auth;
using CrmCdp.Web.Platform.Data;
using CrmCdp.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace CrmCdp.Benchmarks.Scenarios;

/// <summary>
/// The pipeline board over 50,000 open deals: the first render (per-stage counts and totals summed in SQL plus the
/// first 20 cards of each column) and a move, for an admin (all) and a rep (own). Baseline: what a naive board
/// does — load every open deal of the pipeline and group them in memory.
/// </summary>
internal sealed class DealBoardScenario(int deals = 50_000) : IScenario
{
    private const int Runs = 25;

    public string Name => "deal-board";

    public string Description => $"Pipeline board over {deals:N0} open deals (median of {Runs} runs)";

    public async Task<ScenarioResult> RunAsync()
    {
        var postgres = await TestPostgres.GetAsync();
        var connectionString = await postgres.CreateDatabaseAsync("benchdeals");
        var users = await CrmDataGenerator.GenerateAsync(connectionString, 20, 1_000, 1_000);
        await GenerateDealsAsync(connectionString, users);
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseRegistration.Configure(options, connectionString);
        var factory = new PooledDbContextFactory<AppDbContext>(options.Options);
        var directory = new UserDirectory(factory);
        var pipelines = new PipelineService(factory);
        var board = new DealBoard(factory, pipelines, directory, TimeProvider.System);
        var service = new DealService(
            factory, new DealInputValidator(), pipelines, directory, new RecordInputChecks(directory, new CustomFieldService(factory, TimeProvider.System)),
            new CrmRecordCommands(factory, TimeProvider.System), new AssignmentNotices(new NotificationService(factory, TimeProvider.System)), TimeProvider.System);
        var admin = new AccessContext(null, Permissions.All.ToDictionary(p => p, _ => RecordScope.All), new HashSet<Guid>());
        var rep = new AccessContext(users[0], Permissions.Scoped.ToDictionary(p => p, _ => RecordScope.Own), new HashSet<Guid> { users[0] });
        var pipeline = (await pipelines.VisibleAsync(admin))[0];
        var filter = new DealFilter(pipeline.Id);
        var columns = await board.ColumnsAsync(admin, filter);
        var someDeal = columns[1].Deals[0];
        var flip = false;

        var timings = new List<(string Name, double Median)>
        {
            ("board first render (admin)", await MedianAsync(() => board.ColumnsAsync(admin, filter))),
            ("board first render (rep, own)", await MedianAsync(() => board.ColumnsAsync(rep, filter))),
            ("column 'show more' (page 50)", await MedianAsync(() => board.MoreAsync(admin, filter, pipeline.Stages[0].Id, 1000))),
            ("move a deal", await MedianAsync(() =>
            {
                flip = !flip;
                return service.MoveAsync(admin, someDeal.Id, new DealMove { StageId = pipeline.Stages[flip ? 2 : 1].Id });
            })),
        };
        var baseline = await MedianAsync(() => LoadEverythingAsync(factory, pipeline.Id));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   open deals per column: {string.Join(", ", columns.Select(c => c.Count))}"));
        foreach (var (name, median) in timings)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {name,-32} median {median,8:N1} ms"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {"baseline: load all, group in C#",-32} median {baseline,8:N1} ms"));
        await PrintPlanAsync(connectionString, pipeline.Id);
        return new ScenarioResult("board first render (ours)", 1000 / timings[0].Median, "load every open deal", 1000 / baseline);
    }

    private static async Task LoadEverythingAsync(IDbContextFactory<AppDbContext> factory, Guid pipelineId)
    {
        await using var db = await factory.CreateDbContextAsync();
        var all = await db.Set<Deal>().Where(d => d.PipelineId == pipelineId && d.Outcome == DealOutcome.Open).AsNoTracking().ToListAsync();
        _ = all.GroupBy(d => d.StageId).Select(g => (g.Key, g.Count(), g.Sum(d => d.Amount))).ToList();
    }

    private async Task GenerateDealsAsync(string connectionString, IReadOnlyList<Guid> users)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // Set-based: one INSERT … SELECT over generate_series, owners and stages spread evenly.
        await using var insert = new NpgsqlCommand("""
            INSERT INTO crm_deals (id, name, amount, currency, pipeline_id, stage_id, outcome, expected_close_date, owner_id, contact_ids,
                                   stage_entered_at, created_at, updated_at)
            SELECT gen_random_uuid(), 'Deal ' || g, (g % 500 + 1) * 100, 'EUR', s.pipeline_id, s.id, 'Open', current_date + (g % 120),
                   (@users)[1 + g % cardinality(@users)], '{}', now() - (g % 40) * interval '1 day', now() - interval '60 days', now()
            FROM generate_series(1, @count) g
            JOIN LATERAL (SELECT id, pipeline_id FROM crm_pipeline_stages ORDER BY "order" OFFSET g % 4 LIMIT 1) s ON true
            """, connection);
        insert.Parameters.AddWithValue("users", users.ToArray());
        insert.Parameters.AddWithValue("count", deals);
        insert.CommandTimeout = 600;
        await insert.ExecuteNonQueryAsync();
        await using var analyze = new NpgsqlCommand("ANALYZE crm_deals", connection);
        await analyze.ExecuteNonQueryAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   generated {deals:N0} deals in {stopwatch.Elapsed.TotalSeconds:N1} s"));
    }

    private static Task<double> MedianAsync(Func<Task> action) => Timing.MedianMillisecondsAsync(action, Runs);

    private static async Task PrintPlanAsync(string connectionString, Guid pipelineId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var explain = new NpgsqlCommand(
            "EXPLAIN (ANALYZE, BUFFERS) SELECT stage_id, currency, count(*), sum(amount) FROM crm_deals " +
            "WHERE deleted_at IS NULL AND pipeline_id = @pipeline AND outcome = 'Open' GROUP BY stage_id, currency", connection);
        explain.Parameters.AddWithValue("pipeline", pipelineId);
        Console.WriteLine("   plan of the column totals (the slowest query of the board):");
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Console.WriteLine("     " + reader.GetString(0));
        }
    }
}
