using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CrmCdp.IntegrationTests.Cdp;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.LocalPostgres;
using Npgsql;

namespace CrmCdp.IntegrationTests.Operations;

/// <summary>
/// PostgreSQL restarted under ingestion load, on a server of the test's own: while it is down the collection API answers
/// 503 (an SDK's cue to retry) and never 200; it recovers by itself, every acknowledged event is there, and the resolver
/// resumes.
/// </summary>
public sealed class DatabaseRestartTests : IAsyncLifetime
{
    private const string ServiceAccount = "postgres";

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"crmcdp-restart-{Guid.NewGuid():N}");
    private LocalPostgresCluster? _cluster;
    private CrmCdpAppFactory? _app;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        _cluster = LocalPostgresCluster.Start(Bin, Path.Combine(_root, "data"), Guid.NewGuid().ToString("N"), durable: false);
        await _cluster.CreateDatabaseIfMissingAsync("crmcdp_restart", Ct);
        _app = new CrmCdpAppFactory(_cluster.ConnectionString("crmcdp_restart"));
        _ = _app.Services;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        _cluster?.Stop();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the server is stopped.
        }
    }

    private static string Bin => PostgresBinaries.FindBinDirectory() ?? throw new InvalidOperationException("The test needs the PostgreSQL server binaries.");

    [Fact]
    public async Task While_postgres_restarts_collection_answers_503_never_200_then_recovers_and_keeps_every_acknowledged_event()
    {
        var app = _app!;
        using var admin = app.AdminApi();
        var (_, writeKey) = await app.SourceAsync();
        using var sdk = app.Sdk(writeKey);

        var acknowledged = new ConcurrentBag<string>();
        var answers = new ConcurrentQueue<(HttpStatusCode Status, bool Down)>();
        var down = false;
        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            for (var batch = 0; !stop.IsCancellationRequested; batch++)
            {
                var ids = Enumerable.Range(0, 10).Select(i => $"restart-{batch}-{i}").ToList();
                var wasDown = Volatile.Read(ref down);
                using var response = await sdk.PostAsJsonAsync("/v1/batch", new { batch = ids.Select((id, i) => new { type = "track", messageId = id, userId = $"restart-user-{i}", @event = "Restart Viewed" }) }, CancellationToken.None);
                answers.Enqueue((response.StatusCode, wasDown && Volatile.Read(ref down)));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    ids.ForEach(acknowledged.Add);
                }

                await Task.Delay(20, CancellationToken.None);
            }
        }, CancellationToken.None);

        await Eventually.UntilAsync(() => Task.FromResult(acknowledged.Count), count => count >= 200, "events stored before the restart", cancellationToken: Ct);
        var port = new NpgsqlConnectionStringBuilder(_cluster!.ConnectionString("postgres")).Port;
        PgCtl("stop", "-m", "fast", "-w", "-t", "60");
        Volatile.Write(ref down, true);
        var outage = Stopwatch.StartNew();
        await Eventually.UntilAsync(() => Task.FromResult(answers.Count(a => a.Down)), count => count >= 5, "calls answered while PostgreSQL is down", cancellationToken: Ct);
        Volatile.Write(ref down, false);
        PgCtl("start", "-w", "-t", "60", "-l", Path.Combine(_root, "data", "restart.log"), "-o", $"-p {port}");
        var before = acknowledged.Count;
        await Eventually.UntilAsync(() => Task.FromResult(acknowledged.Count), count => count >= before + 100, "ingestion recovering by itself", cancellationToken: Ct);
        await stop.CancelAsync();
        await load;
        TestContext.Current.TestOutputHelper?.WriteLine($"PostgreSQL was down {outage.Elapsed.TotalSeconds:N1} s; answers: {string.Join(", ", answers.GroupBy(a => a.Status).Select(g => $"{(int)g.Key} × {g.Count()}"))}");

        Assert.All(answers.Where(a => a.Down), a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a.Status));
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"answered {(int)a.Status}"));
        await using var connection = new NpgsqlConnection(_cluster.ConnectionString("crmcdp_restart"));
        await connection.OpenAsync(Ct);
        var stored = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("SELECT message_id FROM cdp_events", connection))
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                stored.Add(reader.GetString(0));
            }
        }

        Assert.DoesNotContain(acknowledged, id => !stored.Contains(id));
        await Eventually.UntilAsync(
            async () =>
            {
                await using var behind = new NpgsqlCommand("SELECT (SELECT max(id) FROM cdp_events) - (SELECT last_event_id FROM cdp_resolution_checkpoints WHERE name = 'identity')", connection);
                return (long)(await behind.ExecuteScalarAsync(Ct))!;
            },
            behind => behind <= 0, "the resolver resuming after the restart", cancellationToken: Ct);
    }

    private void PgCtl(params string[] arguments)
    {
        var pgCtl = Path.Combine(Bin, "pg_ctl");
        string[] all = [pgCtl, .. arguments[..1], "-D", Path.Combine(_root, "data"), .. arguments[1..]];
        var start = Environment.UserName == "root" ? new ProcessStartInfo("runuser", ["-u", ServiceAccount, "--", .. all]) : new ProcessStartInfo(all[0], all[1..]);
        start.RedirectStandardError = start.RedirectStandardOutput = true;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(Ct);
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"pg_ctl {arguments[0]} failed: {errors.Result}");
    }
}
