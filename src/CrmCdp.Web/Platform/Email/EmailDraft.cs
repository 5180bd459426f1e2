namespace CrmCdp.Web.Platform.Email;

/// <summary>An email ready to queue: rendered, addressed, and tied to what it is about.</summary>
internal sealed record EmailDraft(string Purpose, string To, string Subject, string? Html, string? Text)
{
    public string? Cc { get; init; }

    public string? Bcc { get; init; }

    /// <summary>A sender mailbox; null sends from the default sender, shown as <see cref="SenderName"/>.</summary>
    public string? From { get; init; }

    public string? SenderName { get; init; }

    public string? ReplyTo { get; init; }

    public string? InReplyTo { get; init; }

    public string? References { get; init; }

    public Guid? SentByUserId { get; init; }

    public Guid? ContactId { get; init; }

    public Guid? ActivityId { get; init; }

    public Guid? TemplateId { get; init; }

    /// <summary>An iCalendar invitation to send along as a text/calendar part.</summary>
    public string? CalendarInvite { get; init; }

    /// <summary>Starts the Message-ID (<c>{tag}.{unique}@…</c>), so answers, which name it in In-Reply-To and References, can be matched by it.</summary>
    public string? MessageIdTag { get; init; }

    /// <summary>The one-click unsubscribe address of a marketing email (List-Unsubscribe and List-Unsubscribe-Post headers).</summary>
    public string? ListUnsubscribe { get; init; }

    /// <summary>Track opens and clicks of the HTML (the caller has checked the recipient's consent).</summary>
    public bool Track { get; init; }

    /// <summary>Where the sender uses CrmCdp, for the tracking links when there is no request (a Blazor circuit).</summary>
    public string? LinkBase { get; init; }
}
