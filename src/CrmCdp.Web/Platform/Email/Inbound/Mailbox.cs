using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Platform.Email.Inbound;

/// <summary>
/// An IMAP mailbox CrmCdp reads: shared, or one person's (private to them); a support mailbox turns new mail into
/// tickets. <see cref="LastUid"/> is the fetch checkpoint, valid while the folder's UIDVALIDITY stays the same.
/// </summary>
internal sealed class Mailbox
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string Host { get; set; } = "";

    public int Port { get; set; }

    public SmtpTlsMode TlsMode { get; set; }

    public string User { get; set; } = "";

    public string? ProtectedPassword { get; set; }

    public string Folder { get; set; } = "INBOX";

    /// <summary>A personal mailbox's owner; its mail is theirs alone. Null for a shared mailbox.</summary>
    public Guid? OwnerUserId { get; set; }

    public bool IsSupport { get; set; }

    public bool Enabled { get; set; } = true;

    public long UidValidity { get; set; }

    public long LastUid { get; set; }

    public DateTimeOffset? LastPolledAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One message read from a mailbox, stored once by its Message-ID, with what it was matched to.</summary>
internal sealed class InboundEmail
{
    public Guid Id { get; set; }

    public Guid MailboxId { get; set; }

    public string MessageId { get; set; } = "";

    public string? InReplyTo { get; set; }

    public string? References { get; set; }

    public string From { get; set; } = "";

    public string FromAddress { get; set; } = "";

    public string To { get; set; } = "";

    public string? Cc { get; set; }

    public string Subject { get; set; } = "";

    public string? Text { get; set; }

    public string? Html { get; set; }

    public DateTimeOffset SentAt { get; set; }

    public DateTimeOffset FetchedAt { get; set; }

    /// <summary>An auto-reply or bulk message (Auto-Submitted, Precedence): kept, but it starts nothing.</summary>
    public bool IsAutomatic { get; set; }

    /// <summary>The outbound email this answers (by In-Reply-To or References).</summary>
    public Guid? RepliesToEmailId { get; set; }

    public Guid? ContactId { get; set; }

    public Guid? TicketId { get; set; }

    public Guid? ActivityId { get; set; }

    /// <summary>What was done with it, or what could not be read.</summary>
    public string? Note { get; set; }

    /// <summary>When the modules' handlers ran; null until then (a crash in between is picked up by the next fetch).</summary>
    public DateTimeOffset? HandledAt { get; set; }
}

internal sealed class MailboxConfiguration : IEntityTypeConfiguration<Mailbox>, IEntityTypeConfiguration<InboundEmail>
{
    public void Configure(EntityTypeBuilder<Mailbox> builder)
    {
        builder.ToTable("platform_mailboxes");
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.Property(m => m.Host).HasMaxLength(255);
        builder.Property(m => m.TlsMode).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.User).HasMaxLength(320);
        builder.Property(m => m.ProtectedPassword).HasMaxLength(2000);
        builder.Property(m => m.Folder).HasMaxLength(200);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.OwnerUserId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<InboundEmail> builder)
    {
        builder.ToTable("platform_inbound_emails");
        builder.Property(e => e.MessageId).HasMaxLength(400);
        builder.HasIndex(e => e.MessageId).IsUnique();
        builder.Property(e => e.InReplyTo).HasMaxLength(400);
        builder.Property(e => e.References).HasMaxLength(8000);
        builder.Property(e => e.From).HasMaxLength(400);
        builder.Property(e => e.FromAddress).HasMaxLength(320);
        builder.Property(e => e.To).HasMaxLength(4000);
        builder.Property(e => e.Cc).HasMaxLength(4000);
        builder.Property(e => e.Subject).HasMaxLength(998);
        builder.Property(e => e.Text).HasMaxLength(200_000);
        builder.Property(e => e.Html).HasMaxLength(500_000);
        builder.Property(e => e.Note).HasMaxLength(1000);
        builder.HasOne<Mailbox>().WithMany().HasForeignKey(e => e.MailboxId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.ContactId, e.SentAt });
        builder.HasIndex(e => e.TicketId);
        builder.HasIndex(e => e.FetchedAt).HasFilter("handled_at IS NULL");
    }
}
