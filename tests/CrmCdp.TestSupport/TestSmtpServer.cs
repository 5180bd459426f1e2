using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace CrmCdp.TestSupport;

/// <summary>A message the test server accepted: the MIME message as parsed by MimeKit, and the envelope's recipients (Bcc included).</summary>
public sealed record ReceivedEmail(MimeMessage Message, IReadOnlyList<string> EnvelopeTo);

/// <summary>
/// A real SMTP server (the SmtpServer package) on a free local port. Tests read what it received, and can make it
/// answer with an error for the next messages to see retries and failures.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedEmail> _received = new();
    private readonly ConcurrentQueue<string> _recipients = new();
    private readonly bool _keepMessages;
    private readonly ConcurrentQueue<SmtpResponse> _nextAnswers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;

    private TestSmtpServer(int port, bool keepMessages)
    {
        (Port, _keepMessages) = (port, keepMessages);
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new NoDelayEndpointListenerFactory());
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    public IReadOnlyCollection<ReceivedEmail> Received => [.. _received];

    /// <summary>Every accepted message's envelope recipients, in order (kept even when the messages are not).</summary>
    public IReadOnlyCollection<string> Recipients => [.. _recipients];

    private int _count;

    /// <summary>How many messages it accepted.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The configuration keys that point the app at this server, as the README documents them.</summary>
    public IReadOnlyDictionary<string, string?> AppSettings(string from = "CrmCdp <crm@test.crmcdp.local>") => new Dictionary<string, string?>
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:UseTls"] = "false",
        ["Email:From"] = from,
        ["Email:RetryBaseSeconds"] = "1",
    };

    /// <param name="keepMessages">Parse and keep each message (tests read them); a benchmark of 100,000 messages keeps only the envelopes.</param>
    public static TestSmtpServer Start(bool keepMessages = true)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new TestSmtpServer(port, keepMessages);
    }

    /// <summary>The next message is refused with this SMTP code (4xx: try later; 5xx: never).</summary>
    public void RefuseNext(int code, string text) => _nextAnswers.Enqueue(new SmtpResponse((SmtpReplyCode)code, text));

    /// <summary>Waits until a message matching the condition has arrived.</summary>
    public async Task<ReceivedEmail> WaitForAsync(Func<ReceivedEmail, bool> match, TimeSpan? timeout = null)
    {
        var found = await Eventually.UntilAsync(() => Task.FromResult(_received.FirstOrDefault(match)), email => email is not null,
            $"an email to arrive (received so far: {_received.Count})", timeout);
        return found!;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _server.Shutdown();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception stopped) when (stopped is OperationCanceledException or TimeoutException)
        {
            // Stopping is all we asked for.
        }

        _stop.Dispose();
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (owner._nextAnswers.TryDequeue(out var refusal))
            {
                return refusal;
            }

            string[] recipients = [.. transaction.To.Select(m => $"{m.User}@{m.Host}")];
            foreach (var recipient in recipients)
            {
                owner._recipients.Enqueue(recipient);
            }

            if (owner._keepMessages)
            {
                await using var stream = new MemoryStream(buffer.ToArray());
                var message = await MimeMessage.LoadAsync(stream, cancellationToken);
                owner._received.Enqueue(new ReceivedEmail(message, recipients));
            }

            Interlocked.Increment(ref owner._count);
            return SmtpResponse.Ok;
        }
    }
}
