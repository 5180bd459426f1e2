using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace CrmCdp.TestSupport;

/// <summary>
/// A real IMAP server: Debian's dovecot, started on a free port from a temporary configuration (as the PostgreSQL
/// fixture does with the machine's binaries), with plain-text logins for the mailboxes a test asks for. Mail is
/// delivered with IMAP APPEND, as a mail server's delivery agent would put it in the box.
/// </summary>
public sealed class TestImapServer : IAsyncDisposable
{
    private readonly string _root;
    private readonly Process _dovecot;
    private readonly string _usersFile;

    private TestImapServer(string root, int port, Process dovecot, string usersFile)
    {
        (_root, Port, _dovecot, _usersFile) = (root, port, dovecot, usersFile);
    }

    public int Port { get; }

    public static string? FindBinary() =>
        new[] { "/usr/sbin/dovecot", "/usr/local/sbin/dovecot" }.FirstOrDefault(File.Exists);

    public static async Task<TestImapServer> StartAsync()
    {
        var binary = FindBinary() ?? throw new InvalidOperationException("Tests need Debian's dovecot-imapd (apt-get install dovecot-imapd); .ci/run installs it.");
        var root = Path.Combine(Path.GetTempPath(), $"crmcdp-imap-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(Path.Combine(root, "mail"));
        var port = FreePort();
        var usersFile = Path.Combine(root, "users");
        await File.WriteAllTextAsync(usersFile, "");
        var asRoot = Environment.UserName == "root";
        var me = asRoot ? "dovecot" : Environment.UserName;
        var config = Path.Combine(root, "dovecot.conf");
        await File.WriteAllTextAsync(config, $$"""
            base_dir = {{root}}/run
            state_dir = {{root}}/state
            log_path = {{root}}/dovecot.log
            protocols = imap
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            default_internal_user = {{me}}
            default_login_user = {{(asRoot ? "dovenull" : me)}}
            first_valid_uid = 1
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{usersFile}}
            }
            userdb {
              driver = static
              args = uid={{me}} gid={{me}} home={{root}}/mail/%u
            }
            mail_location = maildir:~/Maildir
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service stats {
              unix_listener stats-reader {
                mode = 0666
              }
              unix_listener stats-writer {
                mode = 0666
              }
            }
            """);
        if (asRoot && !OperatingSystem.IsWindows())
        {
            // The mail processes run as the dovecot user and must write the mailboxes.
            using var chown = Process.Start("chown", ["-R", "dovecot", Path.Combine(root, "mail")]);
            await chown.WaitForExitAsync();
            File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101);
        }

        var dovecot = Process.Start(new ProcessStartInfo(binary, ["-c", config, "-F"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var server = new TestImapServer(root, port, dovecot, usersFile);
        await Eventually.UntilAsync(() => Task.FromResult(server.Answers()), up => up, $"dovecot to listen on {port}", TimeSpan.FromSeconds(20));
        return server;
    }

    /// <summary>A mailbox that can log in with this password; dovecot reads its users file on every login.</summary>
    public async Task<(string User, string Password)> AddMailboxAsync(string user)
    {
        var password = Guid.NewGuid().ToString("N");
        await File.AppendAllTextAsync(_usersFile, $"{user}:{{PLAIN}}{password}\n");
        return (user, password);
    }

    /// <summary>Puts a message into the mailbox's INBOX.</summary>
    public async Task DeliverAsync((string User, string Password) mailbox, MimeMessage message)
    {
        using var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(mailbox.User, mailbox.Password);
        await client.Inbox.AppendAsync(new MailKit.AppendRequest(message));
        await client.DisconnectAsync(true);
    }

    /// <summary>Puts raw bytes (malformed MIME included) into the mailbox's INBOX.</summary>
    public async Task DeliverRawAsync((string User, string Password) mailbox, byte[] raw)
    {
        using var stream = new MemoryStream(raw);
        await DeliverAsync(mailbox, await MimeMessage.LoadAsync(stream));
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            _dovecot.Kill(entireProcessTree: true);
            _dovecot.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // It already exited.
        }

        _dovecot.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Files the mail processes own; harmless too.
        }

        return ValueTask.CompletedTask;
    }

    private bool Answers()
    {
        try
        {
            using var socket = new TcpClient();
            socket.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
