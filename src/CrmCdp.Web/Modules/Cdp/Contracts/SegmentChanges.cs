namespace CrmCdp.Web.Modules.Cdp.Contracts;

/// <summary>One entry into or exit from a segment, as the change feed hands it to consumers.</summary>
internal sealed record SegmentChange(long Id, Guid SegmentId, Guid ProfileId, string Kind, DateTimeOffset At);

/// <summary>
/// A reader of the segment change feed (CRM activation, destinations, journeys). Its writes go
/// through the given context, inside the transaction that moves its checkpoint, so each change is handled exactly once.
/// </summary>
internal interface ISegmentChangeConsumer
{
    /// <summary>The consumer's checkpoint name: stable, unique, at most 40 characters.</summary>
    string Name { get; }

    Task HandleAsync(AppDbContext db, IReadOnlyList<SegmentChange> changes, CancellationToken cancellationToken);
}
