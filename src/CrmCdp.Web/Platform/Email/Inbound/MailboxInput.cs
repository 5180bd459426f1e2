using FluentValidation;

namespace CrmCdp.Web.Platform.Email.Inbound;

/// <summary><c>/api/v1/mailboxes</c>: an IMAP mailbox to read. A null password keeps the stored one.</summary>
internal sealed class MailboxInput
{
    public string? Name { get; set; }

    public string? Host { get; set; }

    public int? Port { get; set; }

    public SmtpTlsMode? TlsMode { get; set; }

    public string? User { get; set; }

    public string? Password { get; set; }

    public string? Folder { get; set; }

    public Guid? OwnerUserId { get; set; }

    public bool? IsSupport { get; set; }

    public bool? Enabled { get; set; }
}

internal sealed class MailboxInputValidator : AbstractValidator<MailboxInput>
{
    public MailboxInputValidator()
    {
        RuleFor(m => m.Name).NotEmpty().WithMessage("Name the mailbox, e.g. Support.").MaximumLength(200);
        RuleFor(m => m.Host).NotEmpty().WithMessage("Enter the IMAP server's host name.").MaximumLength(255)
            .Must(h => h is null || Uri.CheckHostName(h.Trim()) != UriHostNameType.Unknown).WithMessage("Enter a host name such as imap.example.com.");
        RuleFor(m => m.Port).NotNull().WithMessage("Enter the IMAP port (993 for TLS, 143 otherwise).")
            .InclusiveBetween(1, 65535).WithMessage("The port is a number from 1 to 65535.");
        RuleFor(m => m.User).NotEmpty().WithMessage("Enter the user name the mailbox signs in with.").MaximumLength(320);
        RuleFor(m => m.Folder).MaximumLength(200);
        RuleFor(m => m.Password).MaximumLength(500);
    }
}

internal sealed record MailboxDto(
    Guid Id, string Name, string Host, int Port, SmtpTlsMode TlsMode, string User, bool PasswordSet, string Folder, Guid? OwnerUserId, bool IsSupport,
    bool Enabled, DateTimeOffset? LastPolledAt, string? LastError)
{
    /// <summary>An IDLE connection is open: new mail is read as it arrives (otherwise every minute).</summary>
    public bool Listening { get; init; }

    public static MailboxDto Of(Mailbox m) => new(
        m.Id, m.Name, m.Host, m.Port, m.TlsMode, m.User, m.ProtectedPassword is not null, m.Folder, m.OwnerUserId, m.IsSupport, m.Enabled, m.LastPolledAt, m.LastError);
}
