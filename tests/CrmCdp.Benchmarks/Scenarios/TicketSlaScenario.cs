using System.Diagnostics;
using System.Globalization;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Crm.Tickets;
using CrmCdp.Web.Platform.Data;
using CrmCdp.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace CrmCdp.Benchmarks.Scenarios;

/// <summary>
/// The SLA job over 100,000 open tickets of which a few hundred breach: ours reads only the due ones through the
/// partial indexes; the baseline reads every open ticket and checks the deadlines in memory.
/// </summary>
internal sealed class TicketSlaScenario(int tickets = 100_000) : IScenario
{
    private const int Runs = 15;

    public string Name => "ticket-sla";

    public string Description => $"SLA breach job over {tickets:N0} open tickets (median of {Runs} runs)";

    public async Task<ScenarioResult> RunAsync()
    {
        var postgres = await TestPostgres.GetAsync();
        var connectionString = await postgres.CreateDatabaseAsync("benchtickets");
        var users = await CrmDataGenerator.GenerateAsync(connectionString, 20, 100, 100);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var stopwatch = Stopwatch.StartNew();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO crm_tickets (id, subject, description, priority, status, owner_id, created_at, updated_at, first_response_due_at, resolution_due_at, first_responded_at)
            SELECT gen_random_uuid(), 'Ticket ' || g, '', 'Normal', 'Open', (@users)[1 + g % cardinality(@users)], now() - interval '1 hour', now(),
                   now() + (g % 5000) * interval '1 minute', now() + (g % 9000) * interval '1 minute', CASE WHEN g % 3 = 0 THEN now() ELSE NULL END
            FROM generate_series(1, @count) g
            """, connection))
        {
            insert.Parameters.AddWithValue("users", users.ToArray());
            insert.Parameters.AddWithValue("count", tickets);
            insert.CommandTimeout = 600;
            await insert.ExecuteNonQueryAsync();
        }

        await using (var analyze = new NpgsqlCommand("ANALYZE crm_tickets", connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   generated {tickets:N0} tickets in {stopwatch.Elapsed.TotalSeconds:N1} s"));
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseRegistration.Configure(options, connectionString);
        var factory = new PooledDbContextFactory<AppDbContext>(options.Options);
        var clock = new ShiftingClock();
        var job = new TicketSlaJob(factory, new NotificationService(factory, clock), clock);

        // Each run moves the clock a minute on, so a fresh slice of tickets falls due, as in production.
        var ours = await MedianAsync(async () =>
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await job.RunAsync(CancellationToken.None);
        });
        var baseline = await MedianAsync(() => ReadEveryOpenTicketAsync(factory, clock.GetUtcNow()));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   SLA job (due tickets via partial indexes)  median {ours,8:N1} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   baseline: read all open tickets          median {baseline,8:N1} ms"));
        await using (var explain = new NpgsqlCommand(
            "EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM crm_tickets WHERE deleted_at IS NULL AND first_responded_at IS NULL AND solved_at IS NULL " +
            "AND first_response_breached_at IS NULL AND first_response_due_at < now() + interval '20 minutes' ORDER BY first_response_due_at LIMIT 1000", connection))
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            Console.WriteLine("   plan of the first-response breach query:");
            while (await reader.ReadAsync())
            {
                Console.WriteLine("     " + reader.GetString(0));
            }
        }

        return new ScenarioResult("SLA job run (ours)", 1000 / ours, "read every open ticket", 1000 / baseline);
    }

    private static async Task ReadEveryOpenTicketAsync(IDbContextFactory<AppDbContext> factory, DateTimeOffset now)
    {
        await using var db = await factory.CreateDbContextAsync();
        var open = await db.Set<Ticket>().Where(t => t.SolvedAt == null).AsNoTracking().ToListAsync();
        _ = open.Count(t => t.FirstRespondedAt == null && t.FirstResponseDueAt < now);
    }

    private static Task<double> MedianAsync(Func<Task> action) => Timing.MedianMillisecondsAsync(action, Runs);

    private sealed class ShiftingClock : TimeProvider
    {
        private TimeSpan _offset;

        public void Advance(TimeSpan by) => _offset += by;

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + _offset;
    }
}
