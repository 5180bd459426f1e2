using CrmCdp.Web.Platform.Email;

namespace CrmCdp.Web.Modules.Crm.Emails;

/// <summary>What <c>POST /api/v1/emails</c> answers (202): the outbox id and the <c>Message-ID</c> replies will name.</summary>
public sealed record EmailQueuedDto(Guid Id, string MessageId, string Status, Guid ActivityId)
{
    /// <summary>Whether opens and clicks are tracked, and why not when they were asked for.</summary>
    public bool Tracked { get; init; }

    public string? TrackingNote { get; init; }
}

/// <summary>An email to or from a contact, as the CRM shows it.</summary>
public sealed record CrmEmailDto(
    Guid Id, Guid? ContactId, Guid? ActivityId, string From, string To, string? Cc, string Subject, string? Html, string? Text, string Status,
    int Attempts, string? LastResponse, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string MessageId, Guid? SentByUserId)
{
    public bool Tracked { get; init; }

    public DateTimeOffset? OpenedAt { get; init; }

    public int OpenCount { get; init; }

    public DateTimeOffset? ClickedAt { get; init; }

    public int ClickCount { get; init; }

    internal static CrmEmailDto Of(OutboundEmail e) => new(
        e.Id, e.ContactId, e.ActivityId, e.From, e.To, e.Cc, e.Subject, e.Html, e.Text, e.Status.ToString().ToLowerInvariant(), e.Attempts, e.LastResponse,
        e.CreatedAt, e.SentAt, e.MessageId, e.SentByUserId)
    {
        Tracked = e.Tracked,
        OpenedAt = e.OpenedAt,
        OpenCount = e.OpenCount,
        ClickedAt = e.ClickedAt,
        ClickCount = e.ClickCount,
    };
}
