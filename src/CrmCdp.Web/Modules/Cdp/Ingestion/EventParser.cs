using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmCdp.Web.Modules.Cdp.TrackingPlans;

namespace CrmCdp.Web.Modules.Cdp.Ingestion;

/// <summary>
/// Reads Segment / RudderStack tracking calls: single calls and batches, batch-level sentAt and context, the
/// clock-skew correction (event time = receivedAt − (sentAt − timestamp)), and the limits of the HTTP API.
/// </summary>
internal static class EventParser
{
    public const int MaxEventBytes = 32 * 1024;
    public const int MaxBatchEvents = 2500;
    public const int MaxIdLength = 255;
    public const int MaxMessageIdLength = 100;
    public static readonly TimeSpan MaxFuture = TimeSpan.FromDays(1);

    public static readonly IReadOnlyDictionary<string, string> Types = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["identify"] = "identify",
        ["i"] = "identify",
        ["track"] = "track",
        ["t"] = "track",
        ["page"] = "page",
        ["p"] = "page",
        ["screen"] = "screen",
        ["s"] = "screen",
        ["group"] = "group",
        ["g"] = "group",
        ["alias"] = "alias",
        ["a"] = "alias",
    };

    /// <summary>The events of a call of the given type (null for /v1/batch), the problems of the refused ones and those the source's tracking plan blocks.</summary>
    public static ParsedRequest Parse(JsonObject body, string? routeType, Guid sourceId, DateTimeOffset receivedAt, CompiledTrackingPlan? plan = null)
    {
        var parsed = new ParsedRequest(plan);
        var problems = parsed.Problems;
        if (routeType is null)
        {
            if (body["batch"] is not JsonArray batch)
            {
                problems.Add(new EventProblem(0, "batch", "A batch call needs a \"batch\" array of events."));
                return parsed;
            }

            if (batch.Count > MaxBatchEvents)
            {
                problems.Add(new EventProblem(0, "batch", $"A batch holds at most {MaxBatchEvents:N0} events; this one has {batch.Count:N0}."));
                return parsed;
            }

            var batchSentAt = Time(body["sentAt"]);
            for (var i = 0; i < batch.Count; i++)
            {
                if (batch[i] is not JsonObject item)
                {
                    problems.Add(new EventProblem(i, "batch", "Each batch entry must be an event object."));
                    continue;
                }

                // Batch-level context applies to every event that does not bring its own.
                if (item["context"] is null && body["context"] is JsonNode context)
                {
                    item["context"] = context.DeepClone();
                }

                One(item, Str(item["type"]), batchSentAt, i, sourceId, receivedAt, parsed);
            }

            return parsed;
        }

        One(body, routeType, null, 0, sourceId, receivedAt, parsed);
        return parsed;
    }

    private static void One(JsonObject item, string? type, DateTimeOffset? batchSentAt, int index, Guid sourceId, DateTimeOffset receivedAt, ParsedRequest parsed)
    {
        var problems = parsed.Problems;
        item.Remove("writeKey");
        var before = problems.Count;
        void Problem(string field, string message) => problems.Add(new EventProblem(index, field, message));

        var payload = item.ToJsonString();
        if (Encoding.UTF8.GetByteCount(payload) > MaxEventBytes)
        {
            Problem("event", $"An event is at most {MaxEventBytes / 1024} KB.");
            return;
        }

        if (type is null || !Types.TryGetValue(type, out var resolved))
        {
            Problem("type", "The type must be one of: identify, track, page, screen, group, alias.");
            return;
        }

        var userId = Id(item["userId"], "userId", MaxIdLength, Problem);
        var anonymousId = Id(item["anonymousId"], "anonymousId", MaxIdLength, Problem);
        var messageId = Id(item["messageId"], "messageId", MaxMessageIdLength, Problem) ?? $"srv-{Guid.NewGuid():N}";
        var groupId = Id(item["groupId"], "groupId", MaxIdLength, Problem);
        var previousId = Id(item["previousId"], "previousId", MaxIdLength, Problem);
        var eventName = Str(item["event"]);
        if (userId is null && anonymousId is null)
        {
            Problem("userId", "Send a userId or an anonymousId (or both).");
        }

        switch (resolved)
        {
            case "track" when string.IsNullOrWhiteSpace(eventName):
                Problem("event", "A track call needs the event's name.");
                break;
            case "track" when eventName!.Length > MaxIdLength:
                Problem("event", $"Event names are at most {MaxIdLength} characters.");
                break;
            case "group" when groupId is null:
                Problem("groupId", "A group call needs a groupId.");
                break;
            case "alias" when previousId is null || userId is null:
                Problem("previousId", "An alias call needs previousId and userId.");
                break;
        }

        foreach (var field in new[] { "properties", "traits", "context", "integrations" })
        {
            if (item[field] is JsonNode node && node is not JsonObject)
            {
                Problem(field, $"{field} must be an object.");
            }
        }

        var timestamp = Time(item["timestamp"]) ?? Time(item["originalTimestamp"]);
        var sentAt = Time(item["sentAt"]) ?? batchSentAt;
        if (item["timestamp"] is JsonNode rawTime && Time(rawTime) is null)
        {
            Problem("timestamp", "The timestamp must be an ISO 8601 date and time.");
        }

        if (problems.Count > before)
        {
            return;
        }

        var name = resolved is "track" ? eventName!.Trim() : Str(item["name"]);
        var verdict = parsed.Plan?.Check(item, resolved, name) ?? PlanVerdict.Clean;
        if (verdict.Block)
        {
            parsed.Blocked.Add(new BlockedEvent(index, verdict.Violations));
            return;
        }

        if (verdict.Modified)
        {
            payload = item.ToJsonString();
        }

        if (verdict.Violations.Count > 0)
        {
            parsed.Flagged.Add(verdict.Violations);
        }

        var eventTime = timestamp is { } at ? sentAt is { } sent ? receivedAt - (sent - at) : at : receivedAt;
        var clamped = eventTime > receivedAt + MaxFuture;
        parsed.Events.Add(new IncomingEvent(
            sourceId, messageId, resolved, name, userId, anonymousId, groupId, previousId,
            clamped ? receivedAt : eventTime, receivedAt, sentAt, clamped, Email(item), payload,
            verdict.Violations.Count == 0 ? null : JsonSerializer.Serialize(verdict.Violations.Select(v => v.Message))));
    }

    private static string? Id(JsonNode? node, string field, int max, Action<string, string> problem)
    {
        var value = node switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v when v.TryGetValue<double>(out var d) => d.ToString(CultureInfo.InvariantCulture),
            _ => "\0invalid",
        };
        if (value == "\0invalid")
        {
            problem(field, $"{field} must be a string.");
            return null;
        }

        if (value is not null && value.Length > max)
        {
            problem(field, $"{field} is at most {max} characters.");
            return null;
        }

        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    private static string? Str(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    private static DateTimeOffset? Time(JsonNode? node) =>
        Str(node) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time.ToUniversalTime() : null;

    /// <summary>The email an event carries in its traits, for the suppression check.</summary>
    private static string? Email(JsonObject item) =>
        Str(item["traits"]?["email"]) ?? Str(item["context"]?["traits"]?["email"]) ?? Str(item["properties"]?["email"]);
}

/// <summary>The outcome of reading one request: events to store, problems of the refused ones, events the tracking plan blocked.</summary>
internal sealed class ParsedRequest(CompiledTrackingPlan? plan)
{
    public CompiledTrackingPlan? Plan { get; } = plan;

    public List<IncomingEvent> Events { get; } = [];

    public List<EventProblem> Problems { get; } = [];

    public List<BlockedEvent> Blocked { get; } = [];

    /// <summary>The violations of each flagged event (flag and drop modes), for the per-rule counts.</summary>
    public List<IReadOnlyList<PlanViolation>> Flagged { get; } = [];
}

internal sealed record BlockedEvent(int Index, IReadOnlyList<PlanViolation> Violations);
