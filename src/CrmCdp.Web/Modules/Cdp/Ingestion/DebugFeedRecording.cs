using System.Text.Json;
using CrmCdp.Web.Platform.Validation;

namespace CrmCdp.Web.Modules.Cdp.Ingestion;

internal static class DebugFeedRecording
{
    /// <summary>Adds every call of one request to the source's debugger, with what happened to it; only when the debugger is open.</summary>
    public static void Record(this IngestionDebugFeed feed, Guid sourceId, JsonElement body, bool isBatch, ParsedRequest parsed, IReadOnlyList<IncomingEvent> allowed)
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
            var item = isBatch && rejected.Key != EventProblem.WholeRequest ? Item(body, rejected.Key) : body;
            Add(feed, sourceId, DebugStatuses.Rejected, item, [.. rejected.Select(p => $"{p.Field}: {p.Message}")]);
        }

        foreach (var blocked in parsed.Blocked)
        {
            var item = isBatch ? Item(body, blocked.Index) : body;
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

    /// <summary>The call as sent, minus a writeKey in its body: the debugger never shows a key.</summary>
    private static string WithoutWriteKey(JsonElement? item)
    {
        if (item is not { ValueKind: JsonValueKind.Object } e || !e.TryGetProperty("writeKey", out _))
        {
            return item?.GetRawText() ?? "";
        }

        var copy = System.Text.Json.Nodes.JsonNode.Parse(e.GetRawText())!.AsObject();
        copy.Remove("writeKey");
        return copy.ToJsonString();
    }

    private static JsonElement? Item(JsonElement body, int index) =>
        body.TryGetProperty("batch", out var batch) && batch.ValueKind == JsonValueKind.Array && index < batch.GetArrayLength() ? batch[index] : null;

    private static void Add(IngestionDebugFeed feed, Guid sourceId, string status, JsonElement? item, IReadOnlyList<string> problems)
    {
        string? Text(string name) =>
            item is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
                ? StorableJson.Text(value)
                : null;
        feed.Add(sourceId, status, Text("type"), Text("event") ?? Text("name"), Text("userId"), Text("anonymousId"), Text("messageId"), problems, WithoutWriteKey(item));
    }
}
