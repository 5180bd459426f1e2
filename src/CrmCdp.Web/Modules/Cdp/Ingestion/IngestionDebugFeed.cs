using System.Collections.Concurrent;

namespace CrmCdp.Web.Modules.Cdp.Ingestion;

/// <summary>One call as the source's live debugger shows it: accepted, rejected, blocked by the tracking plan, or suppressed.</summary>
public sealed record DebugEntry(
    long Sequence, DateTimeOffset At, string Status, string? Type, string? Event, string? UserId, string? AnonymousId, string? MessageId,
    IReadOnlyList<string> Problems, string Payload);

public static class DebugStatuses
{
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Blocked = "blocked";
    public const string Suppressed = "suppressed";
}

/// <summary>
/// The latest calls per source, kept in memory only while someone has the source's debugger open (like Segment's
/// debugger, it is a live view of this instance, not a query of the stored events), so unwatched sources cost nothing.
/// </summary>
internal sealed class IngestionDebugFeed(TimeProvider timeProvider)
{
    public const int Capacity = 200;
    public const int MaxPayloadChars = 32 * 1024;
    private static readonly TimeSpan WatchWindow = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<Guid, SourceFeed> _feeds = new();
    private long _sequence;

    /// <summary>Starts (or keeps) recording a source's calls; a debugger calls this as it polls.</summary>
    public void Watch(Guid sourceId) =>
        _feeds.GetOrAdd(sourceId, _ => new SourceFeed()).WatchedUntil = timeProvider.GetUtcNow() + WatchWindow;

    public bool IsWatched(Guid sourceId) => _feeds.TryGetValue(sourceId, out var feed) && feed.WatchedUntil > timeProvider.GetUtcNow();

    public void Add(Guid sourceId, string status, string? type, string? eventName, string? userId, string? anonymousId, string? messageId,
        IReadOnlyList<string> problems, string payload)
    {
        if (!_feeds.TryGetValue(sourceId, out var feed))
        {
            return;
        }

        var entry = new DebugEntry(
            Interlocked.Increment(ref _sequence), timeProvider.GetUtcNow(), status, type, eventName, userId, anonymousId, messageId, problems,
            payload.Length > MaxPayloadChars ? payload[..MaxPayloadChars] + "…" : payload);
        lock (feed.Entries)
        {
            feed.Entries.Enqueue(entry);
            while (feed.Entries.Count > Capacity)
            {
                feed.Entries.Dequeue();
            }
        }
    }

    /// <summary>The entries after <paramref name="afterSequence"/>, newest first.</summary>
    public IReadOnlyList<DebugEntry> Since(Guid sourceId, long afterSequence)
    {
        if (!_feeds.TryGetValue(sourceId, out var feed))
        {
            return [];
        }

        lock (feed.Entries)
        {
            return [.. feed.Entries.Where(e => e.Sequence > afterSequence).Reverse()];
        }
    }

    private sealed class SourceFeed
    {
        public Queue<DebugEntry> Entries { get; } = new();

        public DateTimeOffset WatchedUntil { get; set; }
    }
}
