using MailKit.Security;

namespace CrmCdp.Web.Platform.Email;

internal enum SmtpTlsMode
{
    /// <summary>Implicit TLS on port 465, STARTTLS when the server offers it elsewhere.</summary>
    Auto,
    StartTls,
    SslOnConnect,
    None,
}

internal static class SmtpTlsModes
{
    public static SecureSocketOptions ToMailKit(this SmtpTlsMode mode) => mode switch
    {
        SmtpTlsMode.StartTls => SecureSocketOptions.StartTls,
        SmtpTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpTlsMode.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.Auto,
    };

    public static SmtpTlsMode FromUseTls(bool useTls, int port) =>
        !useTls ? SmtpTlsMode.None : port == 465 ? SmtpTlsMode.SslOnConnect : SmtpTlsMode.StartTls;
}
