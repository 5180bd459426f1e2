using CrmCdp.Web.Platform.Settings;

namespace CrmCdp.Web.Platform.Email;

/// <summary>
/// Outbound email from configuration (<c>Email__Smtp__Host</c>, <c>Email__From</c>, …). Settings saved in
/// Admin → Email take precedence over these.
/// </summary>
internal sealed class EmailOptions : ISettingsSection
{
    public static string Section => "Email";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The default sender, e.g. <c>CrmCdp &lt;crm@example.com&gt;</c>.</summary>
    public string? From { get; set; }

    public string? ReplyTo { get; set; }

    /// <summary>The address people use to reach CrmCdp, for links in emails; the current request's address when empty.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Attempts before a message counts as failed; transient SMTP errors are retried with doubling delays.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry delay; each later one doubles, up to four hours.</summary>
    public int RetryBaseSeconds { get; set; } = 60;

    /// <summary>The largest attachment of fetched mail that is stored; a larger one keeps its name and size only.</summary>
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Listen to enabled mailboxes with IMAP IDLE where the server offers it, so mail is read as it arrives.</summary>
    public bool Idle { get; set; } = true;
}

internal sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>true: TLS is required (implicit on port 465, STARTTLS elsewhere); false: plain text.</summary>
    public bool UseTls { get; set; } = true;

    public string? User { get; set; }

    public string? Password { get; set; }
}
