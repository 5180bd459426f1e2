using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CrmCdp.Web.Modules.Cdp.Destinations;

/// <summary>What one request to a destination came to.</summary>
/// <param name="RetryAfter">What a 429 or 503 asked for in <c>Retry-After</c>.</param>
internal sealed record AttemptResult(int? StatusCode, int LatencyMs, string? ResponseExcerpt, string? Error, TimeSpan? RetryAfter)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>
/// Sends one signed message: the Standard Webhooks headers (<c>webhook-id</c>, <c>webhook-timestamp</c>,
/// <c>webhook-signature</c>) plus the destination's own, within the timeout, never following a redirect, and only to
/// addresses the <see cref="NetworkGuard"/> allows.
/// </summary>
internal sealed class WebhookClient(IHttpClientFactory httpClients, WebhookSecrets secrets, TimeProvider timeProvider)
{
    public const string HttpClientName = "destinations";
    private const int ExcerptLength = 1000;

    public static void Register(IServiceCollection services) =>
        services.AddHttpClient(HttpClientName, (provider, client) =>
            {
                client.Timeout = TimeSpan.FromSeconds(Math.Max(1, provider.GetRequiredService<IOptions<DestinationOptions>>().Value.TimeoutSeconds));
                client.DefaultRequestHeaders.UserAgent.ParseAdd("CrmCdp-Webhooks/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var options = provider.GetRequiredService<IOptionsMonitor<DestinationOptions>>();
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    ConnectCallback = NetworkGuard.Connect(() => options.CurrentValue.AllowPrivateNetworks),
                };
            });

    public async Task<AttemptResult> SendAsync(Destination destination, string webhookId, string body, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, destination.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(destination.Headers) ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", secrets.Sign(destination, webhookId, now, body, now));
        var stopwatch = Stopwatch.StartNew();
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var excerpt = await ExcerptAsync(response, cancellationToken);
            var retryAfter = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable ? RetryAfter(response, now) : null;
            return new AttemptResult((int)response.StatusCode, (int)stopwatch.ElapsedMilliseconds, excerpt, null, retryAfter);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            var error = e is TaskCanceledException ? "No answer within the timeout." : e.Message;
            return new AttemptResult(null, (int)stopwatch.ElapsedMilliseconds, null, error.Length > 500 ? error[..500] : error, null);
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    private static async Task<string?> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new char[ExcerptLength];
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var read = await reader.ReadBlockAsync(buffer, cancellationToken);
        return read == 0 ? null : new string(buffer, 0, read);
    }
}
