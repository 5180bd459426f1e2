using System.Text.Json;

namespace CrmCdp.Web.Modules.Cdp.Contracts;

/// <summary>A stored event that identity resolution has given its profile.</summary>
internal sealed record ResolvedEvent(long Id, Guid ProfileId, string Type, string? Name, DateTimeOffset Timestamp, string Properties);

/// <summary>
/// The resolved events in id order, for a consumer that follows them from its own checkpoint (journeys' event triggers):
/// only ids the resolver has passed, so each event carries its profile; and the segment conditions' test of one event.
/// </summary>
internal interface IResolvedEventFeed
{
    /// <summary>How far resolution has come: every event id up to this has its profile.</summary>
    Task<long> ResolvedUpToAsync(AppDbContext db, CancellationToken cancellationToken = default);

    /// <summary>The resolved events with ids in (<paramref name="after"/>, <paramref name="upTo"/>] named one of <paramref name="names"/>.</summary>
    Task<IReadOnlyList<ResolvedEvent>> ReadAsync(AppDbContext db, long after, long upTo, IReadOnlyCollection<string> names, CancellationToken cancellationToken = default);

    /// <summary>Whether the event is what the event condition (<c>{"type": "event", "event", "where"}</c>) counts.</summary>
    bool Matches(JsonElement eventCondition, ResolvedEvent resolved);
}
