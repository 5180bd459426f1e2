using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using MimeKit;

namespace CrmCdp.IntegrationTests.Email;

/// <summary>No Hangfire server runs here, so the minute sweep never reads mail: only the IDLE listener can.</summary>
public sealed class IdleApp : AppFixture, IAsyncLifetime
{
    private TestImapServer? _imap;

    public TestImapServer Imap => _imap ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        _imap = await TestImapServer.StartAsync();
        await StartAsync("idle", settings: new Dictionary<string, string?> { ["Jobs:RunServer"] = "false" });
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        if (_imap is not null)
        {
            await _imap.DisposeAsync();
        }
    }
}

public sealed class MailboxIdleTests(IdleApp app) : IClassFixture<IdleApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_listening_mailbox_reads_new_mail_as_it_arrives_without_the_minute_sweep()
    {
        using var admin = app.AdminApi();
        var box = await app.Imap.AddMailboxAsync($"idle-{Guid.NewGuid().ToString("N")[..6]}@test.crmcdp.local");
        var mailbox = await Mailboxes.AddAsync(app, app.Imap, box, support: true, owner: null, enabled: true);
        await Eventually.UntilAsync(
            async () => (await admin.GetFromJsonAsync<JsonElement>("/api/v1/mailboxes", Ct)).EnumerateArray().Single(m => m.Id() == mailbox),
            m => m.GetProperty("listening").GetBoolean(), "the mailbox to be listened to", cancellationToken: Ct);
        var subject = $"Arrived while listening {Guid.NewGuid():N}";
        var message = new MimeMessage { Subject = subject, MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("customer.example"), Date = DateTimeOffset.UtcNow };
        message.From.Add(MailboxAddress.Parse($"{CrmApi.Unique("ida")}@customer.example"));
        message.To.Add(MailboxAddress.Parse(box.User));
        message.Body = new TextPart("plain") { Text = "Please help." };

        await app.Imap.DeliverAsync(box, message);

        var tickets = await Eventually.UntilAsync(
            () => admin.GetFromJsonAsync<JsonElement>($"/api/v1/tickets?queue=all&q={Uri.EscapeDataString(subject)}", Ct),
            page => page.GetArrayLength() == 1, "the mail to become a ticket", cancellationToken: Ct);
        Assert.Equal(subject, tickets[0].GetProperty("subject").GetString());
    }
}
