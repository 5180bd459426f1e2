using System.Text.Json;
using CrmCdp.Tests.Shared;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Cdp.Identity;
using Npgsql;
using NpgsqlTypes;

namespace CrmCdp.IntegrationTests.Cdp;

/// <summary>
/// The resolver in the database must give the graph the pure rules give, whatever its batch size: the same random
/// streams go through an app resolving 7 events per batch and one resolving 5,000, and both graphs are compared
/// with the in-memory engine's.
/// </summary>
public sealed class ResolutionBatchingTests : IAsyncLifetime
{
    private readonly AppFixture _small = new();
    private readonly AppFixture _large = new();

    public async ValueTask InitializeAsync()
    {
        await _small.StartAsync("resolve-small", settings: new Dictionary<string, string?> { ["Cdp:Resolution:BatchSize"] = "7", ["Cdp:Resolution:IdleMilliseconds"] = "20" });
        await _large.StartAsync("resolve-large", settings: new Dictionary<string, string?> { ["Cdp:Resolution:BatchSize"] = "5000", ["Cdp:Resolution:IdleMilliseconds"] = "20" });
    }

    public async ValueTask DisposeAsync()
    {
        await _small.DisposeAsync();
        await _large.DisposeAsync();
    }

    private static async Task StoreAsync(AppFixture app, IEnumerable<Identifier[]> stream, string prefix)
    {
        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY cdp_events (source_id, message_id, type, user_id, anonymous_id, \"timestamp\", received_at, payload) FROM STDIN (FORMAT BINARY)", TestContext.Current.CancellationToken);
        var at = DateTimeOffset.UtcNow.AddMinutes(-10);
        var n = 0;
        foreach (var identifiers in stream)
        {
            string? Of(string type) => identifiers.FirstOrDefault(i => i.Type == type)?.Value is { } value ? prefix + value : null;
            var context = new Dictionary<string, object?>
            {
                ["traits"] = Of(IdentifierTypes.Email) is { } email ? new { email } : null,
                ["externalIds"] = Of("device_id") is { } device ? new[] { new { id = device, type = "device_id" } } : null,
            };
            await importer.StartRowAsync(TestContext.Current.CancellationToken);
            await importer.WriteAsync(Guid.Empty, NpgsqlDbType.Uuid, TestContext.Current.CancellationToken);
            await importer.WriteAsync($"{prefix}{n}", NpgsqlDbType.Varchar, TestContext.Current.CancellationToken);
            await importer.WriteAsync("track", NpgsqlDbType.Varchar, TestContext.Current.CancellationToken);
            await WriteAsync(importer, Of(IdentifierTypes.UserId) is { } user && !user.EndsWith("undefined", StringComparison.Ordinal) ? user : identifiers.Any(i => i.Value == "undefined") ? "undefined" : null);
            await WriteAsync(importer, Of(IdentifierTypes.AnonymousId));
            await importer.WriteAsync(at.AddSeconds(n), NpgsqlDbType.TimestampTz, TestContext.Current.CancellationToken);
            await importer.WriteAsync(at, NpgsqlDbType.TimestampTz, TestContext.Current.CancellationToken);
            await importer.WriteAsync(JsonSerializer.Serialize(new { type = "track", context }), NpgsqlDbType.Jsonb, TestContext.Current.CancellationToken);
            n++;
        }

        await importer.CompleteAsync(TestContext.Current.CancellationToken);
    }

    private static Task WriteAsync(NpgsqlBinaryImporter importer, string? value) =>
        value is null ? importer.WriteNullAsync(TestContext.Current.CancellationToken) : importer.WriteAsync(value, NpgsqlDbType.Varchar, TestContext.Current.CancellationToken);

    private static async Task<HashSet<string>> ResolvedPartitionAsync(AppFixture app, string prefix)
    {
        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        for (var tries = 0; ; tries++)
        {
            await using var caughtUp = new NpgsqlCommand(
                "SELECT coalesce((SELECT last_event_id FROM cdp_resolution_checkpoints WHERE name = 'identity'), 0) >= (SELECT max(id) FROM cdp_events)", connection);
            if ((bool)(await caughtUp.ExecuteScalarAsync(TestContext.Current.CancellationToken))!)
            {
                break;
            }

            Assert.True(tries < 300, "resolution did not catch up");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        await using var read = new NpgsqlCommand("SELECT profile_id, type, value FROM cdp_identifiers WHERE value LIKE @prefix || '%'", connection);
        read.Parameters.AddWithValue("prefix", prefix);
        var profiles = new Dictionary<Guid, List<Identifier>>();
        await using var reader = await read.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var profile = reader.GetGuid(0);
            (profiles.TryGetValue(profile, out var list) ? list : profiles[profile] = []).Add(new Identifier(reader.GetString(1), reader.GetString(2)[prefix.Length..]));
        }

        return IdentityStreams.Partition(profiles.Values);
    }

    private static async Task<long> EventCountAsync(AppFixture app, string prefix)
    {
        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var sum = new NpgsqlCommand("""
            SELECT coalesce(sum(event_count), 0)::bigint FROM cdp_profiles p
            WHERE p.merged_into_id IS NULL AND EXISTS (SELECT 1 FROM cdp_identifiers i WHERE i.profile_id = p.id AND i.value LIKE @prefix || '%')
            """, connection);
        sum.Parameters.AddWithValue("prefix", prefix);
        return (long)(await sum.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private static async Task<(int Logged, long Chained)> MergeLogAsync(AppFixture app)
    {
        await using var connection = new NpgsqlConnection(app.Factory.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var read = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM cdp_profile_merges WHERE kind = 'merge')::int,
                   (SELECT count(*) FROM cdp_profiles p JOIN cdp_profiles s ON s.id = p.merged_into_id WHERE s.merged_into_id IS NOT NULL)
            """, connection);
        await using var reader = await read.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        await reader.ReadAsync(TestContext.Current.CancellationToken);
        return (reader.GetInt32(0), reader.GetInt64(1));
    }

    [Fact]
    public async Task Random_streams_resolve_to_the_same_graph_in_batches_of_any_size_as_in_memory()
    {
        var merges = 0;
        foreach (var seed in new[] { 3, 17, 29 })
        {
            var prefix = $"s{seed}-";
            var stream = IdentityStreams.Random(seed, events: 300);
            var engine = new IdentityGraph(new IdentityRules());
            var resolutions = stream.Select(engine.Resolve).ToList();
            var resolvedEvents = resolutions.Count(r => r.ProfileId is not null);
            merges += resolutions.Sum(r => r.Merges.Count);

            // Stored values carry the seed's prefix to keep the seeds apart ("undefined" stays as is, and blocked).
            await StoreAsync(_small, stream, prefix);
            await StoreAsync(_large, stream, prefix);

            var expected = IdentityStreams.Partition(engine);
            Assert.Contains(expected, profile => profile.Count(c => c == '|') >= 3);
            Assert.Equal(expected, await ResolvedPartitionAsync(_small, prefix));
            Assert.Equal(expected, await ResolvedPartitionAsync(_large, prefix));

            // Profiles loaded whole and profiles whose events were only counted (see ResolutionBatch) add up alike.
            Assert.Equal(resolvedEvents, await EventCountAsync(_small, prefix));
            Assert.Equal(resolvedEvents, await EventCountAsync(_large, prefix));

            // Every merge is logged, and a merged-away profile points straight at a live one (chains within a batch too).
            Assert.Equal((merges, 0L), await MergeLogAsync(_small));
            Assert.Equal((merges, 0L), await MergeLogAsync(_large));
        }
    }
}
