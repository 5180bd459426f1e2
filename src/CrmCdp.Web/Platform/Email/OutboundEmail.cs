using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Platform.Email;

internal enum EmailStatus
{
    Queued,
    Sent,
    Failed,
}

/// <summary>What an email is for; account emails bypass nothing but are never marketing.</summary>
internal static class EmailPurposes
{
    public const string Crm = "crm";
    public const string Invitation = "invitation";
    public const string PasswordReset = "password-reset";
    public const string Security = "security";
    public const string Test = "test";
    public const string Marketing = "marketing";
}

/// <summary>
/// One email in the durable outbox: queued in the same transaction as the work that wrote it, sent by
/// <see cref="EmailDeliveryJob"/>, retried with backoff, and kept with its log.
/// </summary>
internal sealed class OutboundEmail
{
    public Guid Id { get; set; }

    public string Purpose { get; set; } = EmailPurposes.Crm;

    /// <summary>The sender mailbox; empty means the default sender in effect when the message goes out.</summary>
    public string From { get; set; } = "";

    /// <summary>The name shown with the default sender ("Dana Rep"), when <see cref="From"/> is empty.</summary>
    public string? SenderName { get; set; }

    public string? ReplyTo { get; set; }

    /// <summary>Addresses as RFC 5322 lists, parsed by MimeKit.</summary>
    public string To { get; set; } = "";

    public string? Cc { get; set; }

    public string? Bcc { get; set; }

    public string Subject { get; set; } = "";

    public string? Html { get; set; }

    public string? Text { get; set; }

    /// <summary>The <c>Message-ID</c> header, without angle brackets; replies name it in <c>In-Reply-To</c>.</summary>
    public string MessageId { get; set; } = "";

    public string? InReplyTo { get; set; }

    public string? References { get; set; }

    public EmailStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The SMTP server's last answer, or why the message could not be sent.</summary>
    public string? LastResponse { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public Guid? SentByUserId { get; set; }

    public Guid? ContactId { get; set; }

    public Guid? ActivityId { get; set; }

    public Guid? TemplateId { get; set; }

    /// <summary>An iCalendar invitation (METHOD:REQUEST) sent as a text/calendar part, so mail clients offer to accept it.</summary>
    public string? CalendarInvite { get; set; }

    /// <summary>The one-click unsubscribe address (RFC 8058) of a marketing email: sent as List-Unsubscribe with List-Unsubscribe-Post.</summary>
    public string? ListUnsubscribe { get; set; }

    /// <summary>Its HTML carries the open pixel and tracked links (the sender asked, and the recipient consented).</summary>
    public bool Tracked { get; set; }

    public DateTimeOffset? OpenedAt { get; set; }

    public int OpenCount { get; set; }

    public DateTimeOffset? ClickedAt { get; set; }

    public int ClickCount { get; set; }
}

/// <summary>One line of the send log: queued, a failed attempt with the SMTP answer, sent.</summary>
internal sealed class EmailLogEntry
{
    public long Id { get; set; }

    public Guid EmailId { get; set; }

    public DateTimeOffset At { get; set; }

    public string Status { get; set; } = "";

    public string? Detail { get; set; }
}

internal sealed class OutboundEmailConfiguration : IEntityTypeConfiguration<OutboundEmail>, IEntityTypeConfiguration<EmailLogEntry>
{
    public void Configure(EntityTypeBuilder<OutboundEmail> builder)
    {
        builder.ToTable("platform_emails");
        builder.Property(e => e.Purpose).HasMaxLength(40);
        builder.Property(e => e.From).HasMaxLength(400);
        builder.Property(e => e.SenderName).HasMaxLength(200);
        builder.Property(e => e.ReplyTo).HasMaxLength(400);
        builder.Property(e => e.To).HasMaxLength(4000);
        builder.Property(e => e.Cc).HasMaxLength(4000);
        builder.Property(e => e.Bcc).HasMaxLength(4000);
        builder.Property(e => e.Subject).HasMaxLength(998);
        builder.Property(e => e.MessageId).HasMaxLength(400);
        builder.Property(e => e.InReplyTo).HasMaxLength(400);
        builder.Property(e => e.References).HasMaxLength(8000);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.LastResponse).HasMaxLength(2000);
        builder.Property(e => e.CalendarInvite).HasMaxLength(100_000);
        builder.Property(e => e.ListUnsubscribe).HasMaxLength(2000);
        builder.HasIndex(e => e.MessageId).IsUnique();
        builder.HasIndex(e => e.NextAttemptAt).HasFilter("status = 'Queued'");
        builder.HasIndex(e => new { e.ContactId, e.CreatedAt });
        builder.HasIndex(e => new { e.Purpose, e.To, e.CreatedAt });
    }

    public void Configure(EntityTypeBuilder<EmailLogEntry> builder)
    {
        builder.ToTable("platform_email_log");
        builder.Property(l => l.Status).HasMaxLength(20);
        builder.Property(l => l.Detail).HasMaxLength(2000);
        builder.HasOne<OutboundEmail>().WithMany().HasForeignKey(l => l.EmailId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => new { l.EmailId, l.At });
    }
}
