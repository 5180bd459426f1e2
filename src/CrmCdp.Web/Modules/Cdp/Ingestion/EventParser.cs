using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmCdp.Web.Modules.Cdp.TrackingPlans;
using CrmCdp.Web.Platform.Validation;

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

    /// <summary>
    /// Times an event may carry (timestamp, originalTimestamp, sentAt). Devices whose clock was reset send 1970 or 2000
    /// and are corrected by sentAt; years 1 or 9999 are garbage, and the skew arithmetic between them would overflow.
    /// </summary>
    public static readonly DateTimeOffset EarliestTime = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset LatestTime = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

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
    public static ParsedRequest Parse(JsonElement body, string? routeType, Guid sourceId, DateTimeOffset receivedAt, CompiledTrackingPlan? plan = null)
    {
        var parsed = new ParsedRequest(plan);
        var problems = parsed.Problems;
        // One pass over the whole body finds nothing in nearly every request; only then are its parts checked one by one.
        var storable = StorableJson.FirstProblem(JsonMarshal.GetRawUtf8Value(body)) is null;
        if (routeType is not null)
        {
            One(body, routeType, null, null, 0, sourceId, receivedAt, parsed, storable);
            return parsed;
        }

        if (!storable && StorableJson.FirstProblem(JsonMarshal.GetRawUtf8Value(body), skipTopLevelProperty: "batch") is { } requestProblem)
        {
            problems.Add(new EventProblem(EventProblem.WholeRequest, requestProblem.Path, requestProblem.Message));
            return parsed;
        }

        if (!body.TryGetProperty("batch", out var batch) || batch.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new EventProblem(0, "batch", "A batch call needs a \"batch\" array of events."));
            return parsed;
        }

        var count = batch.GetArrayLength();
        if (count > MaxBatchEvents)
        {
            problems.Add(new EventProblem(0, "batch", $"A batch holds at most {MaxBatchEvents:N0} events; this one has {count:N0}."));
            return parsed;
        }

        var batchSentAt = Time(body, "sentAt", (field, message) => problems.Add(new EventProblem(EventProblem.WholeRequest, field, message)));
        if (problems.Count > 0)
        {
            return parsed;
        }

        JsonElement? batchContext = body.TryGetProperty("context", out var context) && context.ValueKind == JsonValueKind.Object ? context : null;
        var index = 0;
        foreach (var item in batch.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new EventProblem(index, "batch", "Each batch entry must be an event object."));
            }
            else
            {
                One(item, null, batchSentAt, batchContext, index, sourceId, receivedAt, parsed, storable);
            }

            index++;
        }

        return parsed;
    }

    /// <param name="routeType">The call's type from its URL; null in a batch, where each event names its own.</param>
    /// <param name="storable">Whether the whole request is known to be storable, so this event need not be checked on its own.</param>
    private static void One(JsonElement item, string? routeType, DateTimeOffset? batchSentAt, JsonElement? batchContext, int index, Guid sourceId,
        DateTimeOffset receivedAt, ParsedRequest parsed, bool storable)
    {
        var problems = parsed.Problems;
        var before = problems.Count;
        void Problem(string field, string message) => problems.Add(new EventProblem(index, field, message));

        if (JsonMarshal.GetRawUtf8Value(item).Length > MaxEventBytes)
        {
            Problem("event", $"An event is at most {MaxEventBytes / 1024} KB.");
            return;
        }

        if (!storable && StorableJson.FirstProblem(JsonMarshal.GetRawUtf8Value(item)) is { } unstorable)
        {
            Problem(unstorable.Path, unstorable.Message);
            return;
        }

        var type = routeType ?? Str(item, "type");
        if (type is null || !Types.TryGetValue(type, out var resolved))
        {
            Problem("type", "The type must be one of: identify, track, page, screen, group, alias.");
            return;
        }

        var userId = Id(item, "userId", MaxIdLength, Problem);
        var anonymousId = Id(item, "anonymousId", MaxIdLength, Problem);
        var messageId = Id(item, "messageId", MaxMessageIdLength, Problem) ?? $"srv-{Guid.NewGuid():N}";
        var groupId = Id(item, "groupId", MaxIdLength, Problem);
        var previousId = Id(item, "previousId", MaxIdLength, Problem);
        var eventName = Str(item, "event");
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

        foreach (var field in ObjectFields)
        {
            if (item.TryGetProperty(field, out var value) && value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                Problem(field, $"{field} must be an object.");
            }
        }

        var timestamp = Time(item, "timestamp", Problem) ?? Time(item, "originalTimestamp", Problem);
        var sentAt = Time(item, "sentAt", Problem) ?? batchSentAt;
        if (item.TryGetProperty("timestamp", out var rawTime) && rawTime.ValueKind != JsonValueKind.Null && Time(item, "timestamp", null) is null
            && problems.Count == before)
        {
            Problem("timestamp", "The timestamp must be an ISO 8601 date and time.");
        }

        var eventTime = timestamp is { } at ? sentAt is { } sent ? receivedAt - (sent - at) : at : receivedAt;
        if (problems.Count == before && eventTime < EarliestTime)
        {
            Problem("timestamp", $"With the clock-skew correction (receivedAt − (sentAt − timestamp)) the event time falls before {EarliestTime:yyyy-MM-dd}; check the device's clock.");
        }

        if (problems.Count > before)
        {
            return;
        }

        var name = resolved is "track" ? eventName!.Trim() : Str(item, "name");
        var needsBatchContext = batchContext is not null && !item.TryGetProperty("context", out _);
        var verdict = PlanVerdict.Clean;
        string payload;
        if (needsBatchContext || item.TryGetProperty("writeKey", out _) || parsed.Plan is not null)
        {
            // The slow path, for events that must change before they are stored; the others keep their bytes as sent.
            var node = JsonNode.Parse(JsonMarshal.GetRawUtf8Value(item))!.AsObject();
            node.Remove("writeKey");
            if (needsBatchContext)
            {
                node["context"] = JsonNode.Parse(JsonMarshal.GetRawUtf8Value(batchContext!.Value));
            }

            verdict = parsed.Plan?.Check(node, resolved, name) ?? PlanVerdict.Clean;
            if (verdict.Block)
            {
                parsed.Blocked.Add(new BlockedEvent(index, verdict.Violations));
                return;
            }

            payload = node.ToJsonString();
            if (Encoding.UTF8.GetByteCount(payload) > MaxEventBytes)
            {
                Problem("event", $"An event is at most {MaxEventBytes / 1024} KB (with the batch's context).");
                return;
            }
        }
        else
        {
            payload = Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(item));
        }

        if (verdict.Violations.Count > 0)
        {
            parsed.Flagged.Add(verdict.Violations);
        }

        var clamped = eventTime > receivedAt + MaxFuture;
        parsed.Events.Add(new IncomingEvent(
            index, sourceId, messageId, resolved, name, userId, anonymousId, groupId, previousId,
            clamped ? receivedAt : eventTime, receivedAt, sentAt, clamped, Email(item) ?? (needsBatchContext ? Str(batchContext!.Value, "traits", "email") : null), payload,
            verdict.Violations.Count == 0 ? null : JsonSerializer.Serialize(verdict.Violations.Select(v => v.Message))));
    }

    private static readonly string[] ObjectFields = ["properties", "traits", "context", "integrations"];

    private static string? Id(JsonElement item, string field, int max, Action<string, string> problem)
    {
        if (!item.TryGetProperty(field, out var node) || node.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var value = node.ValueKind switch
        {
            JsonValueKind.String => node.GetString(),
            JsonValueKind.Number => node.GetRawText(),
            _ => null,
        };
        if (value is null)
        {
            problem(field, $"{field} must be a string.");
            return null;
        }

        if (value.Length > max)
        {
            problem(field, $"{field} is at most {max} characters.");
            return null;
        }

        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    private static string? Str(JsonElement item, string field) =>
        item.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Str(JsonElement item, string parent, string field) =>
        item.TryGetProperty(parent, out var value) && value.ValueKind == JsonValueKind.Object ? Str(value, field) : null;

    /// <summary>A time field, or null when absent or unreadable; a time outside the supported range is a problem of its field.</summary>
    private static DateTimeOffset? Time(JsonElement item, string field, Action<string, string>? problem)
    {
        if (!item.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        DateTimeOffset? time = value.TryGetDateTimeOffset(out var exact) ? exact.ToUniversalTime()
            : DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed.ToUniversalTime()
            : null;
        if (time is { } t && (t < EarliestTime || t >= LatestTime))
        {
            problem?.Invoke(field, $"{field} must lie between {EarliestTime:yyyy-MM-dd} and {LatestTime:yyyy-MM-dd} (UTC).");
            return null;
        }

        return time;
    }

    /// <summary>The email an event carries in its traits, for the suppression check.</summary>
    private static string? Email(JsonElement item) =>
        Str(item, "traits", "email") ?? (item.TryGetProperty("context", out var context) && context.ValueKind == JsonValueKind.Object ? Str(context, "traits", "email") : null)
        ?? Str(item, "properties", "email");
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
