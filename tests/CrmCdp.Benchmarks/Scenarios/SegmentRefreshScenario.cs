using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Cdp.Segments;
using CrmCdp.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CrmCdp.Benchmarks.Scenarios;

/// <summary>
/// Refreshing a segment (a trait, a number and an event count in a window) over 200,000 profiles with 1,000,000
/// events: ours is one set-based statement that also writes the entries and exits; the baseline loads every profile
/// and its window's events into the app and runs the same tree through the in-memory evaluator, writing nothing.
/// </summary>
internal sealed class SegmentRefreshScenario(int profiles = 200_000, int eventsPerProfile = 5) : IScenario
{
    private const int Runs = 5;

    private static readonly SegmentCondition Tree = SegmentCondition.All(
        SegmentCondition.Trait("plan", "equals", "pro"),
        SegmentCondition.Trait("seats", "gte", "10"),
        SegmentCondition.Performed("Pricing Viewed", "at_least", 2, 14));

    public string Name => "segment-refresh";

    public string Description => $"refresh of one segment over {profiles:N0} profiles and {profiles * eventsPerProfile:N0} events (median of {Runs} runs)";

    public async Task<ScenarioResult> RunAsync()
    {
        var postgres = await TestPostgres.GetAsync();
        var connectionString = await postgres.CreateDatabaseAsync("benchsegments");
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseRegistration.Configure(options, connectionString);
        var factory = new PooledDbContextFactory<AppDbContext>(options.Options);
        var segmentId = Guid.CreateVersion7();
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync();
            await db.Database.MigrateAsync();
            db.Add(new Segment { Id = segmentId, Name = "Hot pro accounts", Definition = SegmentDefinitions.Serialize(Tree), CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        var stopwatch = Stopwatch.StartNew();
        await GenerateAsync(connectionString);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   generated {profiles:N0} profiles and {profiles * eventsPerProfile:N0} events in {stopwatch.Elapsed.TotalSeconds:N1} s"));

        var refresher = new SegmentRefresher(factory, TimeProvider.System, NullLogger<SegmentRefresher>.Instance);
        long members = 0;
        var ours = await Timing.MedianMillisecondsAsync(async () => members = (await refresher.RefreshAsync(segmentId, CancellationToken.None))!.Members, Runs);
        long baselineMembers = 0;
        var baseline = await Timing.MedianMillisecondsAsync(async () => baselineMembers = await EvaluateInTheAppAsync(connectionString), Runs);
        if (members != baselineMembers)
        {
            throw new InvalidOperationException($"The refresh found {members} members, the in-memory evaluator {baselineMembers}.");
        }

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        await refresher.RefreshAsync(segmentId, CancellationToken.None);
        var oursAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        await EvaluateInTheAppAsync(connectionString);
        var baselineAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {members:N0} members; allocated in the app per refresh: ours {oursAllocated / 1048576.0:N1} MiB, baseline {baselineAllocated / 1048576.0:N1} MiB"));
        await ExplainAsync(connectionString);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   refresh (one statement, writes entries/exits)   median {ours,8:N1} ms = {profiles / ours * 1000,12:N0} profiles/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   baseline: load into the app and evaluate        median {baseline,8:N1} ms = {profiles / baseline * 1000,12:N0} profiles/s"));
        return new ScenarioResult("segment refreshes (ours)", 1000 / ours, "load and evaluate in the app", 1000 / baseline);
    }

    private async Task GenerateAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO cdp_profiles (id, traits, trait_sources, consent, first_seen_at, last_seen_at, event_count, created_at, updated_at)
            SELECT md5('p' || g)::uuid, jsonb_build_object('plan', (ARRAY['pro', 'free', 'team'])[1 + g % 3], 'seats', g % 50, 'country', (ARRAY['DE', 'PT', 'US', 'FR'])[1 + g % 4]),
                   '{}', '{}', now() - interval '60 days', now(), @per, now(), now()
            FROM generate_series(1, @profiles) g;
            INSERT INTO cdp_identifiers (type, value, first_seen_at, profile_id)
            SELECT 'user_id', 'u' || g, now() - interval '60 days', md5('p' || g)::uuid FROM generate_series(1, @profiles) g;
            INSERT INTO cdp_events (source_id, message_id, type, event, user_id, "timestamp", received_at, payload)
            SELECT '00000000-0000-0000-0000-000000000001', 'm' || g, 'track', (ARRAY['Pricing Viewed', 'Signed Up', 'Docs Read', 'Pricing Viewed', 'Demo Requested'])[1 + (g * 7) % 5],
                   'u' || (1 + g % @profiles), now() - (g % 30) * interval '1 day' - (g % 1440) * interval '1 minute', now(), '{}'
            FROM generate_series(1, @profiles * @per) g;
            INSERT INTO cdp_event_profiles (event_id, "timestamp", profile_id, type, name)
            SELECT id, "timestamp", md5('p' || substr(user_id, 2))::uuid, type, coalesce(event, '') FROM cdp_events;
            INSERT INTO cdp_profile_event_days (profile_id, day, type, name, count, first_at, last_at)
            SELECT profile_id, ("timestamp" AT TIME ZONE 'UTC')::date, type, name, count(*), min("timestamp"), max("timestamp") FROM cdp_event_profiles GROUP BY 1, 2, 3, 4;
            ANALYZE cdp_profiles; ANALYZE cdp_identifiers; ANALYZE cdp_events; ANALYZE cdp_event_profiles;
            """, connection);
        command.Parameters.AddWithValue("profiles", profiles);
        command.Parameters.AddWithValue("per", eventsPerProfile);
        command.CommandTimeout = 1200;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task ExplainAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var compiled = SegmentSqlCompiler.Compile(Tree, new SegmentQueryOptions(DateTimeOffset.UtcNow));
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + compiled.Sql, connection);
        compiled.AddTo(explain);
        await using var reader = await explain.ExecuteReaderAsync();
        Console.WriteLine("   plan of the segment's query:");
        while (await reader.ReadAsync())
        {
            Console.WriteLine("     " + reader.GetString(0));
        }
    }

    private static async Task<long> EvaluateInTheAppAsync(string connectionString)
    {
        var asOf = DateTimeOffset.UtcNow;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var events = new Dictionary<Guid, List<FactEvent>>();
        await using (var read = new NpgsqlCommand("""
            SELECT i.profile_id, e.type, e.event, e."timestamp" FROM cdp_events e JOIN cdp_identifiers i ON i.type = 'user_id' AND i.value = e.user_id
            WHERE e."timestamp" > @since AND e."timestamp" <= @asOf
            """, connection))
        {
            read.Parameters.AddWithValue("since", asOf.AddDays(-14));
            read.Parameters.AddWithValue("asOf", asOf);
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var id = reader.GetGuid(0);
                if (!events.TryGetValue(id, out var list))
                {
                    events[id] = list = [];
                }

                list.Add(new FactEvent(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
            }
        }

        long matched = 0;
        await using (var profilesCommand = new NpgsqlCommand("SELECT id, traits::text FROM cdp_profiles WHERE merged_into_id IS NULL", connection))
        await using (var reader = await profilesCommand.ExecuteReaderAsync())
        {
            var noComputed = new Dictionary<string, JsonNode>();
            var noSegments = new HashSet<Guid>();
            while (await reader.ReadAsync())
            {
                var id = reader.GetGuid(0);
                var facts = new ProfileFacts(JsonNode.Parse(reader.GetString(1))!.AsObject(), events.TryGetValue(id, out var list) ? list : [], noComputed, noSegments);
                matched += SegmentEvaluator.Matches(Tree, facts, asOf) ? 1 : 0;
            }
        }

        return matched;
    }
}
