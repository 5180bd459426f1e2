using FluentValidation;
using MimeKit;

namespace CrmCdp.Web.Platform.Email;

/// <summary>What Admin → Email and <c>PUT /api/v1/email/settings</c> save. A null password keeps the stored one; "" clears it.</summary>
internal sealed class EmailSettingsInput
{
    public string? Host { get; set; }

    public int? Port { get; set; }

    public SmtpTlsMode? TlsMode { get; set; }

    public string? User { get; set; }

    public string? Password { get; set; }

    public string? From { get; set; }

    public string? ReplyTo { get; set; }

    public bool? SendFromUserAddress { get; set; }
}

internal sealed class EmailSettingsInputValidator : AbstractValidator<EmailSettingsInput>
{
    public EmailSettingsInputValidator()
    {
        RuleFor(i => i.Host).NotEmpty().WithMessage("Enter the SMTP server's host name.").MaximumLength(255)
            .Must(h => h is null || Uri.CheckHostName(h.Trim()) != UriHostNameType.Unknown).WithMessage("Enter a host name such as smtp.example.com.");
        RuleFor(i => i.Port).NotNull().WithMessage("Enter the SMTP port (587 for STARTTLS, 465 for TLS).")
            .InclusiveBetween(1, 65535).WithMessage("The port is a number from 1 to 65535.");
        RuleFor(i => i.From).NotEmpty().WithMessage("Enter the address emails come from.")
            .Must(EmailAddresses.IsMailbox).WithMessage("Enter one address, such as CrmCdp <crm@example.com>.");
        RuleFor(i => i.ReplyTo).Must(r => string.IsNullOrWhiteSpace(r) || EmailAddresses.IsMailbox(r)).WithMessage("Enter one address, or leave it empty.");
        RuleFor(i => i.User).MaximumLength(255);
        RuleFor(i => i.Password).MaximumLength(500);
    }
}

/// <summary>Address checks through MimeKit's parser, never a hand-written one.</summary>
internal static class EmailAddresses
{
    public static bool IsMailbox(string? value) =>
        !string.IsNullOrWhiteSpace(value) && MailboxAddress.TryParse(ParserOptions.Default, value.Trim(), out var mailbox)
        && mailbox.Address.Contains('@', StringComparison.Ordinal) && !mailbox.Address.EndsWith('@');

    /// <summary>A comma- or semicolon-separated list of addresses; true when empty.</summary>
    public static bool IsListOrEmpty(string? value) =>
        string.IsNullOrWhiteSpace(value) || (InternetAddressList.TryParse(value, out var list) && list.Count > 0
            && list.Mailboxes.Count() == list.Count && list.Mailboxes.All(m => IsMailbox(m.Address)));

    public static string AddressOf(string mailbox) => MailboxAddress.Parse(mailbox).Address;
}
