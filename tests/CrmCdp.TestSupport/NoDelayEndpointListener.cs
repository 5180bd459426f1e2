using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;

namespace CrmCdp.TestSupport;

/// <summary>
/// The test SMTP server's listener, with Nagle's algorithm off on each connection: the library answers a pipelined
/// MAIL / RCPT / DATA in several small writes, and with Nagle on each message waited about 40 ms for the client's delayed
/// acknowledgement (22 messages a second on one connection). Plain connections only; the tests use no TLS.
/// </summary>
internal sealed class NoDelayEndpointListenerFactory : IEndpointListenerFactory
{
    public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
    {
        var listener = new TcpListener((IPEndPoint)endpointDefinition.Endpoint);
        listener.Start();
        return new Listener(listener);
    }

    private sealed class Listener(TcpListener listener) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            return new Pipe(client);
        }

        public void Dispose() => listener.Stop();
    }

    private sealed class Pipe(TcpClient client) : ISecurableDuplexPipe
    {
        private readonly NetworkStream _stream = client.GetStream();

        public PipeReader Input => field ??= PipeReader.Create(_stream);

        public PipeWriter Output => field ??= PipeWriter.Create(_stream);

        public bool IsSecure => false;

        public SslProtocols SslProtocol => SslProtocols.None;

        public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The test SMTP server speaks plain SMTP only.");

        public void Dispose() => client.Dispose();
    }
}
