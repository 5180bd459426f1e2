using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.Web.Platform.Auth;
using MimeKit;

namespace CrmCdp.IntegrationTests.Email;

public sealed class InboundEmailTests(InboxApp app) : IClassFixture<InboxApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customers_answer_in_the_reps_mailbox_threads_onto_the_contacts_timeline_once()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var address = $"{CrmApi.Unique("cara")}@customer.example";
        var contact = await CrmApi.CreateContactAsync(rep.Api, new { firstName = "Cara", lastName = "Customer", emails = new[] { address } });
        var box = await app.Imap.AddMailboxAsync(rep.Email);
        var mailbox = await AddMailboxAsync(box, support: false, owner: rep.Id);
        var (_, queued) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/emails", new { contactId = contact.Id(), subject = "Our proposal", text = "Attached is the plan." });
        var sent = await app.Smtp.WaitForAsync(e => e.Message.MessageId == queued.GetProperty("messageId").GetString());

        var answer = Message(address, rep.Email, "Re: Our proposal", "Looks good, let's talk Tuesday.");
        answer.InReplyTo = sent.Message.MessageId;
        answer.References.Add(sent.Message.MessageId!);
        await app.Imap.DeliverAsync(box, answer);
        var first = await FetchAsync(mailbox);
        var again = await FetchAsync(mailbox);
        var timeline = await rep.Api.GetFromJsonAsync<JsonElement>($"/api/v1/activities?contactId={contact.Id()}&type=email", Ct);
        using var admin = app.AdminApi();
        var othersView = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/activities?contactId={contact.Id()}&type=email", Ct);

        Assert.Equal(1, first);
        Assert.Equal(0, again);
        var subjects = timeline.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("subject").GetString()).ToList();
        Assert.Contains("Our proposal", subjects);
        Assert.Contains("Re: Our proposal", subjects);
        var reply = timeline.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("subject").GetString() == "Re: Our proposal");
        Assert.Contains("Tuesday", reply.GetProperty("body").GetString(), StringComparison.Ordinal);
        // Mail from a personal mailbox stays its owner's: others who see the contact see the rep's email, not the answer.
        Assert.Equal(["Our proposal"], othersView.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("subject").GetString()));
    }

    [Fact]
    public async Task Mail_to_support_opens_a_ticket_whose_emailed_reply_reaches_the_customer_and_whose_answer_reopens_it()
    {
        using var admin = app.AdminApi();
        var support = await app.Imap.AddMailboxAsync($"support-{Guid.NewGuid().ToString("N")[..6]}@test.crmcdp.local");
        var mailbox = await AddMailboxAsync(support, support: true, owner: null);
        var customer = $"{CrmApi.Unique("help")}@customer.example";
        await app.Imap.DeliverAsync(support, Message(customer, support.User, "Printer on fire", "It smells of toner."));
        var autoReply = Message(customer, support.User, "Out of office", "I am away.");
        autoReply.Headers.Add(HeaderId.AutoSubmitted, "auto-replied");
        await app.Imap.DeliverAsync(support, autoReply);

        Assert.Equal(2, await FetchAsync(mailbox));
        var ticket = await SingleTicketOfAsync(admin, customer);
        var (replied, _) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/tickets/{ticket.Id()}/replies", new { body = "Unplug it first, please." });
        var number = ticket.GetProperty("number").GetInt64();
        var toCustomer = await app.Smtp.WaitForAsync(e => e.Message.To.Mailboxes.Any(m => m.Address == customer));
        var (solved, _) = await CrmApi.SendAsync(admin, HttpMethod.Put, $"/api/v1/tickets/{ticket.Id()}",
            new { subject = "Printer on fire", status = "solved", version = (await TicketAsync(admin, ticket.Id())).GetProperty("version").GetUInt32() });
        var answer = Message(customer, support.User, toCustomer.Message.Subject ?? "", "Unplugged, still smoking.");
        answer.InReplyTo = toCustomer.Message.MessageId;
        await app.Imap.DeliverAsync(support, answer);
        Assert.Equal(1, await FetchAsync(mailbox));
        var reopened = await TicketAsync(admin, ticket.Id());
        var replies = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{ticket.Id()}/replies", Ct);

        Assert.Equal("email", ticket.GetProperty("channel").GetString());
        Assert.Equal(HttpStatusCode.Created, replied.StatusCode);
        Assert.Contains($"[#{number}]", toCustomer.Message.Subject, StringComparison.Ordinal);
        Assert.Equal(support.User, toCustomer.Message.ReplyTo.Mailboxes.Single().Address);
        Assert.Contains("Unplug it first", toCustomer.Message.TextBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, solved.StatusCode);
        Assert.Equal("open", reopened.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, reopened.GetProperty("firstRespondedAt").ValueKind);
        Assert.Contains(replies.EnumerateArray(), r => r.GetProperty("body").GetString() == "Unplugged, still smoking." && r.GetProperty("authorId").ValueKind == JsonValueKind.Null);

        // The customer's client dropped the token from the subject: the answer still names our reply in its headers.
        Assert.StartsWith($"ticket-{number}.", toCustomer.Message.MessageId, StringComparison.Ordinal);
        var untokened = Message(customer, support.User, "One more thing about the printer", "The fire is out now.");
        untokened.InReplyTo = toCustomer.Message.MessageId;
        untokened.References.Add(toCustomer.Message.MessageId!);
        await app.Imap.DeliverAsync(support, untokened);
        Assert.Equal(1, await FetchAsync(mailbox));
        var threaded = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{ticket.Id()}/replies", Ct);
        Assert.Contains(threaded.EnumerateArray(), r => r.GetProperty("body").GetString() == "The fire is out now.");
        Assert.Single((await admin.GetFromJsonAsync<JsonElement>($"/api/v1/tickets?queue=all&q={Uri.EscapeDataString(customer)}", Ct)).EnumerateArray());
    }

    [Fact]
    public async Task Hostile_mail_is_stored_as_far_as_it_is_safe_and_the_fetch_goes_on()
    {
        var box = await app.Imap.AddMailboxAsync($"hostile-{Guid.NewGuid().ToString("N")[..6]}@test.crmcdp.local");
        var mailbox = await AddMailboxAsync(box, support: true, owner: null);
        var sender = $"{CrmApi.Unique("mallory")}@attacker.example";
        var huge = Message(sender, box.User, "Huge " + new string('A', 50_000), new string('x', 300_000));
        huge.Headers.Add("X-Padding", new string('p', 100_000));
        await app.Imap.DeliverAsync(box, huge);
        var broken = Encoding.ASCII.GetBytes($"From: {sender}\r\nTo: {box.User}\r\nSubject: Broken\r\nContent-Type: multipart/mixed\r\n\r\n--nothing\r\n\u0001\u0002garbage");
        await app.Imap.DeliverRawAsync(box, broken);
        var forged = Message(sender, box.User, "Re: your proposal", "I am not who you wrote to.");
        forged.InReplyTo = $"{Guid.NewGuid():N}@crmcdp";
        forged.References.Add($"{Guid.NewGuid():N}@crmcdp");
        await app.Imap.DeliverAsync(box, forged);
        await app.Imap.DeliverAsync(box, Message(sender, box.User, "Plain after all that", "Still reading."));

        Assert.Equal(4, await FetchAsync(mailbox));
        using var admin = app.AdminApi();
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/mailboxes", Ct);
        var state = listed.EnumerateArray().Single(m => m.Id() == mailbox);
        Assert.Equal(JsonValueKind.Null, state.GetProperty("lastError").ValueKind);
        var tickets = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/tickets?queue=all&q={Uri.EscapeDataString("Plain after all that")}", Ct);
        Assert.NotEmpty(tickets.EnumerateArray());
    }

    [Fact]
    public async Task Mail_from_an_unknown_sender_waits_for_its_mailbox_owner_and_becomes_a_contact_in_one_click()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var other = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var box = await app.Imap.AddMailboxAsync(rep.Email);
        var mailbox = await AddMailboxAsync(box, support: false, owner: rep.Id);
        var stranger = $"{CrmApi.Unique("ursula")}@newcustomer.example";
        await app.Imap.DeliverAsync(box, Message($"Ursula Unknown <{stranger}>", rep.Email, "Can you send a quote?", "We need 40 seats."));
        await app.Imap.DeliverAsync(box, Message($"Ursula Unknown <{stranger}>", rep.Email, "And a second question", "Do you invoice yearly?"));
        Assert.Equal(2, await FetchAsync(mailbox));

        var waiting = (await rep.Api.GetFromJsonAsync<JsonElement>("/api/v1/inbound-emails/unknown-senders", Ct)).EnumerateArray()
            .Where(e => e.GetProperty("fromAddress").GetString() == stranger).ToList();
        var othersView = await other.Api.GetFromJsonAsync<JsonElement>("/api/v1/inbound-emails/unknown-senders", Ct);
        Assert.Equal(2, waiting.Count);
        Assert.DoesNotContain(othersView.EnumerateArray(), e => e.GetProperty("fromAddress").GetString() == stranger);
        var (refused, _) = await CrmApi.SendAsync(other.Api, HttpMethod.Post, $"/api/v1/inbound-emails/{waiting[0].Id()}/contact");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);

        var (made, contact) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, $"/api/v1/inbound-emails/{waiting[0].Id()}/contact");

        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        Assert.Equal(("Ursula", "Unknown", stranger), (contact.GetProperty("firstName").GetString(), contact.GetProperty("lastName").GetString(), contact.GetProperty("email").GetString()));
        var timeline = await rep.Api.GetFromJsonAsync<JsonElement>($"/api/v1/activities?contactId={contact.Id()}&type=email", Ct);
        Assert.Equal(["And a second question", "Can you send a quote?"], timeline.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("subject").GetString()).Order());
        var after = await rep.Api.GetFromJsonAsync<JsonElement>("/api/v1/inbound-emails/unknown-senders", Ct);
        Assert.DoesNotContain(after.EnumerateArray(), e => e.GetProperty("fromAddress").GetString() == stranger);
    }

    [Fact]
    public async Task Attachments_are_kept_within_the_limit_never_unpacked_and_downloaded_only_by_who_may_read_the_ticket()
    {
        var box = await app.Imap.AddMailboxAsync($"files-{Guid.NewGuid().ToString("N")[..6]}@test.crmcdp.local");
        var mailbox = await AddMailboxAsync(box, support: true, owner: null);
        var customer = $"{CrmApi.Unique("fiona")}@customer.example";
        var invoice = Encoding.UTF8.GetBytes("%PDF-1.4 the invoice " + Guid.NewGuid());
        var bomb = ZipBomb(20 * 1024 * 1024);
        var message = Message(customer, box.User, "Files for you", "See the attachments.");
        var body = new BodyBuilder { TextBody = "See the attachments." };
        body.Attachments.Add("invoice.pdf", invoice, ContentType.Parse("application/pdf"));
        body.Attachments.Add("../../etc/bomb.zip", bomb, ContentType.Parse("application/zip"));
        body.Attachments.Add("huge.bin", new byte[InboxApp.MaxAttachmentBytes + 200_000], ContentType.Parse("application/octet-stream"));
        message.Body = body.ToMessageBody();
        await app.Imap.DeliverAsync(box, message);

        Assert.Equal(1, await FetchAsync(mailbox));
        using var admin = app.AdminApi();
        var ticket = await SingleTicketOfAsync(admin, "Files for you");
        var files = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{ticket.Id()}/attachments", Ct)).EnumerateArray().ToDictionary(f => f.GetProperty("fileName").GetString()!);
        Assert.Equal(["bomb.zip", "huge.bin", "invoice.pdf"], files.Keys.Order());
        // The archive is stored as the few kilobytes it came as, never expanded to its 20 MB.
        Assert.Equal(bomb.Length, files["bomb.zip"].GetProperty("size").GetInt64());
        Assert.True(files["bomb.zip"].GetProperty("stored").GetBoolean());
        Assert.False(files["huge.bin"].GetProperty("stored").GetBoolean());
        Assert.Contains("limit", files["huge.bin"].GetProperty("note").GetString());

        using var download = await admin.GetAsync($"/api/v1/email-attachments/{files["invoice.pdf"].Id()}", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(invoice, await download.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("invoice.pdf", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
        var (tooLarge, _) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/email-attachments/{files["huge.bin"].Id()}");
        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        using var refused = await rep.Api.GetAsync($"/api/v1/email-attachments/{files["invoice.pdf"].Id()}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    private static byte[] ZipBomb(int expandedBytes)
    {
        using var zipped = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zipped, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("zeros.bin", System.IO.Compression.CompressionLevel.SmallestSize).Open();
            entry.Write(new byte[expandedBytes]);
        }

        return zipped.ToArray();
    }

    private Task<string> AddMailboxAsync((string User, string Password) box, bool support, Guid? owner) => Mailboxes.AddAsync(app, app.Imap, box, support, owner);

    private async Task<int> FetchAsync(string mailbox)
    {
        using var admin = app.AdminApi();
        var (response, result) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/mailboxes/{mailbox}/fetch");
        Assert.True(response.IsSuccessStatusCode, result.ToString());
        return result.GetProperty("stored").GetInt32();
    }

    private static async Task<JsonElement> SingleTicketOfAsync(HttpClient admin, string customer)
    {
        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/tickets?queue=all&q={Uri.EscapeDataString(customer)}", Ct);
        var ticket = Assert.Single(page.EnumerateArray());
        return await TicketAsync(admin, ticket.Id());
    }

    private static Task<JsonElement> TicketAsync(HttpClient admin, string id) => admin.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{id}", Ct);

    private static MimeMessage Message(string from, string to, string subject, string text)
    {
        var message = new MimeMessage { Subject = subject, MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("customer.example"), Date = DateTimeOffset.UtcNow };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }
}
