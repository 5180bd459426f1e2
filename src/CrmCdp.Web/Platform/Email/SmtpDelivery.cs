using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace CrmCdp.Web.Platform.Email;

/// <summary>What one attempt to hand a message to the SMTP server came to.</summary>
internal sealed record DeliveryAttempt(bool Accepted, bool Permanent, string Answer);

/// <summary>One SMTP connection through MailKit, opened on first use and kept for the rest of a delivery run.</summary>
internal sealed class SmtpDelivery(SmtpServerSettings settings) : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private SmtpClient? _client;

    public async Task<DeliveryAttempt> SendAsync(OutboundEmail email, CancellationToken cancellationToken)
    {
        try
        {
            var client = await ConnectedAsync(cancellationToken);
            var answer = await client.SendAsync(MimeMessageFactory.Create(email), cancellationToken);
            // MailKit hands back the text of the 250 reply without its code.
            return new DeliveryAttempt(true, false, $"250 {(string.IsNullOrWhiteSpace(answer) ? "accepted" : answer.Trim())}");
        }
        catch (SmtpCommandException refused)
        {
            // 5xx: the server will never take this message as it is; 4xx: try again later.
            var code = (int)refused.StatusCode;
            await DropConnectionAsync();
            return new DeliveryAttempt(false, code >= 500, $"{code} {refused.Message}".Trim());
        }
        catch (Exception transient) when (transient is SmtpProtocolException or IOException or SocketException or AuthenticationException
            or SslHandshakeException or ServiceNotConnectedException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await DropConnectionAsync();
            return new DeliveryAttempt(false, false, $"{Describe(transient)}: {transient.Message}");
        }
        catch (FormatException malformed)
        {
            return new DeliveryAttempt(false, true, $"The message could not be built: {malformed.Message}");
        }
    }

    public async ValueTask DisposeAsync() => await DropConnectionAsync(quit: true);

    private async Task<SmtpClient> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true })
        {
            return _client;
        }

        var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, settings.TlsMode.ToMailKit(), cancellationToken);
            if (!string.IsNullOrEmpty(settings.User))
            {
                await client.AuthenticateAsync(settings.User, settings.Password ?? "", cancellationToken);
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }

        _client = client;
        return client;
    }

    private async Task DropConnectionAsync(bool quit = false)
    {
        if (_client is null)
        {
            return;
        }

        try
        {
            if (quit && _client.IsConnected)
            {
                await _client.DisconnectAsync(quit: true);
            }
        }
        catch (Exception closing) when (closing is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException)
        {
            // The connection is going away either way.
        }
        finally
        {
            _client.Dispose();
            _client = null;
        }
    }

    private static string Describe(Exception exception) => exception switch
    {
        AuthenticationException => "The SMTP server refused the user name or password",
        SslHandshakeException => "The TLS handshake with the SMTP server failed",
        SocketException or IOException => "The SMTP server could not be reached",
        OperationCanceledException or TimeoutException => "The SMTP server did not answer in time",
        _ => "The SMTP conversation failed",
    };
}
