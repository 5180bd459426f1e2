using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CrmCdp.Benchmarks.Scenarios;

/// <summary>What one load run achieved: rates and p99 latencies (from the scheduled and from the actual send time).</summary>
internal sealed record LoadResult(double Events, double Requests, double P99, double ServiceP99, double ServiceP50);

/// <summary>
/// The load generator of the ingestion benchmark. It runs as a child process of the benchmark (`--load ...`) so its
/// timers and thread pool do not compete inside the app's process; it still shares the machine's 2 cores.
/// </summary>
internal static class IngestionLoad
{
    public const string Switch = "--load";

    // A fresh process compiles its HTTP stack and opens its connections first: that is not the server's latency.
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(2);

    public static async Task<LoadResult> RunInChildProcessAsync(Uri baseAddress, string writeKey, int clients, int batchSize, TimeSpan duration, double? requestsPerSecond = null)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(IngestionLoad).Assembly.Location);
        }

        foreach (var argument in new[] { Switch, baseAddress.ToString(), writeKey, clients.ToString(CultureInfo.InvariantCulture), batchSize.ToString(CultureInfo.InvariantCulture),
                     duration.TotalSeconds.ToString(CultureInfo.InvariantCulture), (requestsPerSecond ?? 0).ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(Warmup + duration + TimeSpan.FromMinutes(2));
        string output;
        try
        {
            output = await child.StandardOutput.ReadToEndAsync(deadline.Token);
            await child.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            throw new TimeoutException($"The load generator did not finish within its deadline: killed.");
        }

        var line = output.Split('\n').LastOrDefault(l => l.StartsWith('{')) ?? throw new InvalidOperationException($"The load generator printed no result:\n{output}");
        return JsonSerializer.Deserialize<LoadResult>(line)!;
    }

    /// <summary>The child's entry point: drives the load described by its arguments and prints the result as JSON.</summary>
    public static async Task<int> MainAsync(string[] args)
    {
        var rate = double.Parse(args[6], CultureInfo.InvariantCulture);
        var result = await DriveAsync(new Uri(args[1]), args[2], int.Parse(args[3], CultureInfo.InvariantCulture), int.Parse(args[4], CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(args[5], CultureInfo.InvariantCulture)), rate > 0 ? rate : null);
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    // The load generator shares the 2 cores with the app and PostgreSQL, so events come from a template (unique
    // messageId, varying user and SKU) instead of a serializer call per event.
    private static readonly string[] EventTemplate = JsonSerializer.Serialize(new
    {
        type = "track",
        messageId = "\u0001",
        userId = "user-\u0002",
        @event = "Product Viewed",
        properties = new { sku = "SKU-\u0003", price = 19.99, currency = "EUR", category = "Shoes", name = "Trail runner, size 43, colour blue" },
        context = new { ip = "203.0.113.7", userAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120", library = new { name = "analytics-node", version = "2.1.0" } },
        timestamp = DateTimeOffset.UtcNow.ToString("O"),
    }).Split(["\\u0001", "\\u0002", "\\u0003"], StringSplitOptions.None);

    private static readonly string RunId = Guid.NewGuid().ToString("N")[..8];

    public static string Event(int i) => string.Concat(
        EventTemplate[0], RunId, i.ToString(CultureInfo.InvariantCulture), EventTemplate[1], (i % 5000).ToString(CultureInfo.InvariantCulture),
        EventTemplate[2], (i % 977).ToString(CultureInfo.InvariantCulture), EventTemplate[3]);

    /// <summary>
    /// Closed loop (each client sends as soon as its last answer came) for the maximum; with <paramref name="requestsPerSecond"/>
    /// open loop: requests start at their scheduled times whether or not earlier ones were answered (as independent SDKs
    /// do), over at most <paramref name="clients"/> connections, and latency counts from the scheduled time so a stalled
    /// server cannot hide its queue.
    /// </summary>
    public static async Task<LoadResult> DriveAsync(Uri baseAddress, string writeKey, int clients, int batchSize, TimeSpan duration, double? requestsPerSecond = null)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
        var run = new LoadRun(http, batchSize, Warmup + duration);
        if (requestsPerSecond is { } rate)
        {
            await run.OpenLoopAsync(rate);
        }
        else
        {
            await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => run.ClosedLoopAsync()));
        }

        return run.Result(Warmup);
    }

    /// <summary>The state of one load run: the clock, the event counter and every answered request's latencies.</summary>
    private sealed class LoadRun(HttpClient http, int batchSize, TimeSpan end)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<double> _latencies = [];
        private readonly List<double> _serviceLatencies = [];
        private int _counter;
        private long _events;
        private long _requests;

        public async Task ClosedLoopAsync()
        {
            while (_clock.Elapsed < end)
            {
                await SendAsync(_clock.Elapsed);
            }
        }

        public async Task OpenLoopAsync(double rate)
        {
            var inFlight = new List<Task>();
            var next = 0L;
            while (_clock.Elapsed < end)
            {
                // Start everything due by now, then sleep about a millisecond (the timer's resolution).
                var due = (long)(_clock.Elapsed.TotalSeconds * rate);
                for (; next <= due; next++)
                {
                    inFlight.Add(SendAsync(TimeSpan.FromSeconds(next / rate)));
                }

                inFlight.RemoveAll(t => t.IsCompleted);
                await Task.Delay(1);
            }

            await Task.WhenAll(inFlight);
        }

        public LoadResult Result(TimeSpan warmup)
        {
            _latencies.Sort();
            _serviceLatencies.Sort();
            var seconds = (_clock.Elapsed - warmup).TotalSeconds;
            return new LoadResult(_events / seconds, _requests / seconds, P99(_latencies), P99(_serviceLatencies),
                _serviceLatencies.Count == 0 ? 0 : _serviceLatencies[_serviceLatencies.Count / 2]);
        }

        private async Task SendAsync(TimeSpan scheduled)
        {
            var first = Interlocked.Add(ref _counter, batchSize) - batchSize;
            var body = batchSize == 1
                ? Event(first)
                : "{\"batch\":[" + string.Join(",", Enumerable.Range(first, batchSize).Select(Event)) + "]}";
            var sentAt = _clock.Elapsed;
            using var response = await http.PostAsync(batchSize == 1 ? "/v1/track" : "/v1/batch", new StringContent(body, Encoding.UTF8, "application/json"));
            var answeredAt = _clock.Elapsed;
            if (response.IsSuccessStatusCode && scheduled >= Warmup)
            {
                Interlocked.Add(ref _events, batchSize);
                Interlocked.Increment(ref _requests);
                lock (_latencies)
                {
                    _latencies.Add((answeredAt - scheduled).TotalMilliseconds);
                    _serviceLatencies.Add((answeredAt - sentAt).TotalMilliseconds);
                }
            }
        }
    }

    private static double P99(List<double> sorted) => sorted.Count == 0 ? 0 : sorted[(int)(sorted.Count * 0.99)];
}
