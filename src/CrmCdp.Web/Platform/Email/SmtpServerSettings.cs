namespace CrmCdp.Web.Platform.Email;

/// <summary>The SMTP server and senders in effect: Admin → Email when saved there, else the configuration keys.</summary>
internal sealed record SmtpServerSettings(
    string Host, int Port, SmtpTlsMode TlsMode, string? User, string? Password, string From, string? ReplyTo, bool SendFromUserAddress, string Source);

/// <summary>Whether email can go out now, and if not, the sentence a person should read where they would send.</summary>
internal sealed record EmailReadiness(SmtpServerSettings? Settings, string? Problem)
{
    public const string NotConfigured = "No SMTP server is configured, so emails wait in the outbox. An administrator sets one in Admin → Email.";

    public bool IsReady => Settings is not null;
}
