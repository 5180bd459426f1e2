using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmCdp.Web.Modules.Cdp.Sources;
using CrmCdp.Web.Modules.Cdp.TrackingPlans;
using CrmCdp.Web.Platform.Validation;

namespace CrmCdp.Web.Modules.Cdp.Ingestion;

/// <summary>
/// The Segment-compatible collection API: <c>/v1/identify|track|page|screen|group|alias|batch</c> and the short forms
/// analytics.js uses. The write key comes as the HTTP Basic user name or as <c>writeKey</c> in the body. A batch with
/// some invalid events stores the valid ones and answers 200 listing the rejected indexes; only a request with no valid
/// event answers 400. A 200 means the events are committed.
/// </summary>
internal static class CollectEndpoints
{
    public const string CorsPolicy = "collect";
    public const int MaxRequestBytes = 500 * 1024;

    public static IEndpointRouteBuilder MapCollectEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var collect = endpoints.MapGroup("/v1").AllowAnonymous().RequireCors(CorsPolicy).DisableAntiforgery().WithTags("Collection (Segment-compatible)");
        collect.MapGet("/projects/{writeKey}/settings", async (string writeKey, SourceService sources, HttpContext http, CancellationToken ct) =>
            {
                var source = await sources.CheckAsync(writeKey, ct);
                if (!source.Known || !source.Enabled)
                {
                    return Results.NotFound();
                }

                // analytics.js starts from this: CrmCdp (as "Segment.io") is the only destination, pointed back at this server.
                var host = $"{http.Request.Host}/v1";
                return Results.Json(new
                {
                    integrations = new Dictionary<string, object> { ["Segment.io"] = new { apiKey = writeKey, apiHost = host, protocol = http.Request.Scheme } },
                    plan = new { track = new Dictionary<string, object>(), identify = new Dictionary<string, object>(), group = new Dictionary<string, object>() },
                    edgeFunction = new { },
                    analyticsNextEnabled = true,
                    middlewareSettings = new { },
                    enabledMiddleware = new { },
                    metrics = new { sampleRate = 0 },
                    legacyVideoPluginsEnabled = false,
                    remotePlugins = Array.Empty<object>(),
                });
            })
            .WithSummary("What analytics.js needs to start with this server as its only destination (404 for an unknown or disabled key).");
        collect.MapPost("/{type}", (string type, HttpContext http, CancellationToken ct) => HandleAsync(type, http, ct))
            .WithSummary("One tracking call (identify, track, page, screen, group, alias; or i, t, p, s, g, a), or batch / b. Auth: write key as Basic user name or writeKey in the body.");
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(string type, HttpContext http, CancellationToken cancellationToken)
    {
        var services = http.RequestServices;
        var metrics = services.GetRequiredService<IngestionMetrics>();
        var isBatch = type is "batch" or "b";
        if (!isBatch && !EventParser.Types.ContainsKey(type))
        {
            return TypedResults.NotFound();
        }

        using var body = await RequestBody.ReadAsync(http.Request, MaxRequestBytes, cancellationToken);
        if (body.TooLarge || body.Json is not { RootElement.ValueKind: JsonValueKind.Object } document)
        {
            var reason = body.TooLarge ? "request_too_large" : "malformed_json";
            metrics.Rejected(reason);
            if (await services.GetRequiredService<SourceService>().CheckAsync(BasicUser(http.Request.Headers.Authorization), cancellationToken) is { SourceId: { } id })
            {
                services.GetRequiredService<IngestionDebugFeed>().RecordUnreadable(id, body.TooLarge ? "The request is larger than 500 KB." : body.Unreadable ?? "The body is not a JSON object.");
            }

            return body.TooLarge
                ? TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"A request is at most {MaxRequestBytes / 1024} KB (after decompression).")
                : Invalid("body", body.Unreadable ?? "The body must be a JSON object.");
        }

        var json = document.RootElement;
        var key = BasicUser(http.Request.Headers.Authorization) ?? (json.TryGetProperty("writeKey", out var k) && k.ValueKind == JsonValueKind.String ? StorableJson.Text(k) : null);
        var source = await services.GetRequiredService<SourceService>().CheckAsync(key, cancellationToken);
        if (!source.Known)
        {
            metrics.Rejected("unknown_write_key");
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unknown or missing write key.");
        }

        if (!source.Enabled)
        {
            metrics.Rejected("source_disabled");
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This source is disabled.");
        }

        var sourceId = source.SourceId!.Value;
        var receivedAt = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var plan = await services.GetRequiredService<TrackingPlanService>().CompiledForAsync(sourceId, cancellationToken);
        var parsed = EventParser.Parse(json, isBatch ? null : type, sourceId, receivedAt, plan);
        var (events, problems) = (parsed.Events, parsed.Problems);
        if (problems.Count > 0)
        {
            metrics.Rejected("invalid_event", problems.Select(p => p.Index).Distinct().Count());
        }

        CountPlanViolations(services, sourceId, parsed);
        if (events.Count == 0 && parsed.Blocked.Count == 0)
        {
            services.GetRequiredService<IngestionDebugFeed>().Record(sourceId, json, isBatch, parsed, []);
            return NoneAccepted(problems, isBatch);
        }

        var allowed = await services.GetRequiredService<SuppressionFilter>().KeepAllowedAsync(events, cancellationToken);
        metrics.Suppressed(events.Count - allowed.Count);
        services.GetRequiredService<IngestionDebugFeed>().Record(sourceId, json, isBatch, parsed, allowed);
        var outcome = new WriteOutcome(0, 0, []);
        if (allowed.Count > 0)
        {
            var writer = services.GetRequiredService<IngestionWriter>();
            if (writer.TryWrite(allowed) is not { } pending)
            {
                metrics.Rejected("queue_full", allowed.Count);
                http.Response.Headers.RetryAfter = "1";
                return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many events right now; retry in a second.");
            }

            try
            {
                outcome = await pending.WaitAsync(cancellationToken);
            }
#pragma warning disable CA1031 // A failed commit must answer 503 so the SDK retries; never 200, never 500.
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                http.Response.Headers.RetryAfter = "5";
                return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The events could not be stored; retry later.");
            }
        }

        // PostgreSQL refused these although the parser let them through: the batch rule applies to them as to any invalid event.
        problems.AddRange(outcome.Refused.Select(r => new EventProblem(r.Event.Index, "event", $"The event could not be stored: {r.Reason}")));
        if (outcome.Refused.Count > 0 && outcome.Refused.Count == allowed.Count && parsed.Blocked.Count == 0 && events.Count == allowed.Count)
        {
            return NoneAccepted(problems, isBatch);
        }

        return TypedResults.Ok(new CollectResult(
            true, outcome.Stored, outcome.Duplicates, events.Count - allowed.Count, parsed.Blocked.Count,
            [.. problems.GroupBy(p => p.Index).Select(g => new RejectedEvent(g.Key, [.. g.Select(p => $"{p.Field}: {p.Message}")]))]));
    }

    /// <summary>The 400 for a request none of whose events could be accepted, each problem under its field (<c>batch[3].properties.a</c>).</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem NoneAccepted(List<EventProblem> problems, bool isBatch) =>
        TypedResults.ValidationProblem(
            problems.GroupBy(p => isBatch && p.Index != EventProblem.WholeRequest && p.Field != "batch" ? $"batch[{p.Index}].{p.Field}" : p.Field)
                .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
            title: "No event of this request could be accepted.");

    private static void CountPlanViolations(IServiceProvider services, Guid sourceId, ParsedRequest parsed)
    {
        if (parsed.Plan is null || (parsed.Flagged.Count == 0 && parsed.Blocked.Count == 0))
        {
            return;
        }

        var counters = services.GetRequiredService<TrackingPlanCounters>();
        foreach (var blocked in parsed.Blocked)
        {
            counters.Count(sourceId, blocked.Violations, blocked: true);
        }

        foreach (var violations in parsed.Flagged)
        {
            counters.Count(sourceId, violations, blocked: false);
        }

        services.GetRequiredService<IngestionMetrics>().Blocked(parsed.Blocked.Count);
    }

    private static string? BasicUser(string? authorization)
    {
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header) || !"Basic".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? decoded : decoded[..colon];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request could not be read.");
}

/// <summary>The answer to a tracking call: success (what the SDKs look for) and what happened to each event.</summary>
public sealed record CollectResult(bool Success, int Accepted, int Duplicates, int Suppressed, int Blocked, IReadOnlyList<RejectedEvent> Rejected);

public sealed record RejectedEvent(int Index, IReadOnlyList<string> Problems);
