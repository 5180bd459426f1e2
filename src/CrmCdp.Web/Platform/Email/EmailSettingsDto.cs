namespace CrmCdp.Web.Platform.Email;

/// <summary>The settings as Admin → Email shows them: never the password, only whether one is set.</summary>
internal sealed record EmailSettingsDto(
    string Source, string? Host, int? Port, SmtpTlsMode? TlsMode, string? User, bool PasswordSet, string? From, string? ReplyTo, bool SendFromUserAddress,
    DateTimeOffset? UpdatedAt);
