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
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
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
    /// an open-loop schedule, latency counted from each request's scheduled time so a stalled server cannot hide its queue.
    /// </summary>
    public static async Task<LoadResult> DriveAsync(Uri baseAddress, string writeKey, int clients, int batchSize, TimeSpan duration, double? requestsPerSecond = null)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
        var latencies = new List<double>();
        var serviceLatencies = new List<double>();
        var events = 0L;
        var requests = 0L;
        var stopwatch = Stopwatch.StartNew();
        var counter = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var mine = new List<double>();
            var service = new List<double>();
            for (var n = 0L; stopwatch.Elapsed < Warmup + duration; n++)
            {
                var scheduled = requestsPerSecond is { } rate ? TimeSpan.FromSeconds(((n * clients) + client) / rate) : stopwatch.Elapsed;
                if (scheduled > stopwatch.Elapsed)
                {
                    await Task.Delay(scheduled - stopwatch.Elapsed);
                }

                var first = Interlocked.Add(ref counter, batchSize) - batchSize;
                var body = batchSize == 1
                    ? Event(first)
                    : "{\"batch\":[" + string.Join(",", Enumerable.Range(first, batchSize).Select(Event)) + "]}";
                var sentAt = stopwatch.Elapsed;
                using var response = await http.PostAsync(batchSize == 1 ? "/v1/track" : "/v1/batch", new StringContent(body, Encoding.UTF8, "application/json"));
                if (response.IsSuccessStatusCode && scheduled >= Warmup)
                {
                    mine.Add((stopwatch.Elapsed - scheduled).TotalMilliseconds);
                    service.Add((stopwatch.Elapsed - sentAt).TotalMilliseconds);
                    Interlocked.Add(ref events, batchSize);
                    Interlocked.Increment(ref requests);
                }
            }

            lock (latencies)
            {
                latencies.AddRange(mine);
                serviceLatencies.AddRange(service);
            }
        }));
        latencies.Sort();
        serviceLatencies.Sort();
        var seconds = (stopwatch.Elapsed - Warmup).TotalSeconds;
        return new LoadResult(events / seconds, requests / seconds, P99(latencies), P99(serviceLatencies), serviceLatencies.Count == 0 ? 0 : serviceLatencies[serviceLatencies.Count / 2]);
    }

    private static double P99(List<double> sorted) => sorted.Count == 0 ? 0 : sorted[(int)(sorted.Count * 0.99)];

}
