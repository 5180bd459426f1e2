namespace CrmCdp.Web.Modules.Cdp.Ingestion;

/// <summary>One accepted event, resolved and ready to store; <see cref="Index"/> is its place in its request's batch (0 for a single call).</summary>
internal sealed record IncomingEvent(
    int Index,
    Guid SourceId,
    string MessageId,
    string Type,
    string? Event,
    string? UserId,
    string? AnonymousId,
    string? GroupId,
    string? PreviousId,
    DateTimeOffset Timestamp,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? SentAt,
    bool TimeClamped,
    string? Email,
    string Payload,
    string? Violations = null);

/// <summary>
/// Why one event of a request was refused; <see cref="Index"/> is its place in a batch (0 for a single event), or
/// <see cref="WholeRequest"/> for a batch-level field (sentAt, context) that spoils every event.
/// </summary>
public sealed record EventProblem(int Index, string Field, string Message)
{
    public const int WholeRequest = -1;
}
