using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmCdp.Web.Modules.Cdp.Ingestion;

internal static class DebugFeedRecording
{
    /// <summary>Adds every call of one request to the source's debugger, with what happened to it; only when the debugger is open.</summary>
    public static void Record(this IngestionDebugFeed feed, Guid sourceId, JsonObject body, bool isBatch, ParsedRequest parsed, IReadOnlyList<IncomingEvent> allowed)
    {
        if (!feed.IsWatched(sourceId))
        {
            return;
        }

        var kept = allowed.ToHashSet();
        foreach (var e in parsed.Events)
        {
            var problems = e.Violations is null ? [] : JsonSerializer.Deserialize<string[]>(e.Violations) ?? [];
            feed.Add(sourceId, kept.Contains(e) ? DebugStatuses.Accepted : DebugStatuses.Suppressed, e.Type, e.Event, e.UserId, e.AnonymousId, e.MessageId,
                kept.Contains(e) ? problems : [.. problems.Prepend("An identifier of this event is suppressed (privacy); it was dropped and counted.")], e.Payload);
        }

        foreach (var rejected in parsed.Problems.GroupBy(p => p.Index))
        {
            var item = isBatch ? (body["batch"] as JsonArray)?.ElementAtOrDefault(rejected.Key) : body;
            Add(feed, sourceId, DebugStatuses.Rejected, item, [.. rejected.Select(p => $"{p.Field}: {p.Message}")]);
        }

        foreach (var blocked in parsed.Blocked)
        {
            var item = isBatch ? (body["batch"] as JsonArray)?.ElementAtOrDefault(blocked.Index) : body;
            Add(feed, sourceId, DebugStatuses.Blocked, item, [.. blocked.Violations.Select(v => v.Message)]);
        }
    }

    /// <summary>A request refused before its events could be read (unreadable JSON, too large).</summary>
    public static void RecordUnreadable(this IngestionDebugFeed feed, Guid sourceId, string problem)
    {
        if (feed.IsWatched(sourceId))
        {
            feed.Add(sourceId, DebugStatuses.Rejected, null, null, null, null, null, [problem], "");
        }
    }

    private static void Add(IngestionDebugFeed feed, Guid sourceId, string status, JsonNode? item, IReadOnlyList<string> problems)
    {
        static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) ? s : node?.ToJsonString();
        feed.Add(sourceId, status, Text(item?["type"]), Text(item?["event"]) ?? Text(item?["name"]), Text(item?["userId"]), Text(item?["anonymousId"]),
            Text(item?["messageId"]), problems, item?.ToJsonString() ?? "");
    }
}
