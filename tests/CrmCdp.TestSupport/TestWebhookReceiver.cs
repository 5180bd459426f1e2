using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StandardWebhooks;

namespace CrmCdp.TestSupport;

/// <summary>One request a receiver endpoint got: its Standard Webhooks headers, body, arrival, and whether the signature verified.</summary>
public sealed record ReceivedWebhook(string Endpoint, string WebhookId, string Timestamp, string Signature, string Body, DateTimeOffset At, bool Verified)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>How an endpoint answers: a status, an optional Retry-After in seconds, and an optional stall before answering.</summary>
public sealed record WebhookAnswer(int Status, int? RetryAfterSeconds = null, TimeSpan? Stall = null);

/// <summary>
/// A real HTTP receiver on a free Kestrel port. Each endpoint (<c>POST /{name}</c>) verifies every request's signature with
/// the StandardWebhooks library against the secrets the test gives it, records it, and answers as scripted (200 when the
/// script is empty).
/// </summary>
public sealed class TestWebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentDictionary<string, string[]> _secrets = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<WebhookAnswer>> _scripts = new();
    private readonly ConcurrentDictionary<string, WebhookAnswer> _always = new();
    private readonly WebApplication _app;

    private TestWebhookReceiver(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyCollection<ReceivedWebhook> Received => [.. _received];

    public IReadOnlyList<ReceivedWebhook> At(string endpoint) => [.. _received.Where(r => r.Endpoint == endpoint)];

    public string Url(string endpoint) => new Uri(BaseAddress, endpoint).ToString();

    public static async Task<TestWebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new TestWebhookReceiver(app);
        app.MapPost("/{endpoint}", receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return receiver;
    }

    /// <summary>The secrets an endpoint verifies with; a request verifies when any of them matches.</summary>
    public void Trust(string endpoint, params string[] secrets) => _secrets[endpoint] = secrets;

    /// <summary>Answers the next requests to an endpoint with these, in order; then 200 (or what <see cref="AlwaysAnswer"/> set).</summary>
    public void Script(string endpoint, params WebhookAnswer[] answers)
    {
        var queue = _scripts.GetOrAdd(endpoint, _ => new ConcurrentQueue<WebhookAnswer>());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    public void AlwaysAnswer(string endpoint, WebhookAnswer answer) => _always[endpoint] = answer;

    /// <summary>Whether the request verifies with this one secret (each secret of a rotation must verify alone).</summary>
    public static bool VerifiesWith(ReceivedWebhook received, string secret) => Verify(received.Body, new HeaderDictionary
    {
        ["webhook-id"] = received.WebhookId,
        ["webhook-timestamp"] = received.Timestamp,
        ["webhook-signature"] = received.Signature,
    }, secret);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(string endpoint, HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers;
        var verified = _secrets.TryGetValue(endpoint, out var secrets) && secrets.Any(s => Verify(body, headers, s));
        _received.Enqueue(new ReceivedWebhook(
            endpoint, headers["webhook-id"].ToString(), headers["webhook-timestamp"].ToString(), headers["webhook-signature"].ToString(), body, DateTimeOffset.UtcNow, verified));
        var answer = _scripts.TryGetValue(endpoint, out var script) && script.TryDequeue(out var next) ? next
            : _always.TryGetValue(endpoint, out var always) ? always : new WebhookAnswer(200);
        if (answer.Stall is { } stall)
        {
            await Task.Delay(stall, context.RequestAborted);
        }

        if (answer.RetryAfterSeconds is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.StatusCode = answer.Status;
        await context.Response.WriteAsync($"{{\"answer\":{answer.Status}}}", context.RequestAborted);
    }

    /// <summary>
    /// The library's check of each signature the header carries, one at a time: StandardWebhooks 1.1.2 compares only
    /// the first of several space-separated signatures (its loop falls back to the whole header after the first).
    /// </summary>
    private static bool Verify(string body, IHeaderDictionary headers, string secret) =>
        headers["webhook-signature"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(signature =>
        {
            try
            {
                new StandardWebhook(secret).Verify(body, new HeaderDictionary
                {
                    ["webhook-id"] = headers["webhook-id"],
                    ["webhook-timestamp"] = headers["webhook-timestamp"],
                    ["webhook-signature"] = signature,
                });
                return true;
            }
            catch (StandardWebhooks.Diagnostics.WebhookVerificationException)
            {
                return false;
            }
        });
}
