using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Playwright;
using MimeKit;

namespace CrmCdp.BrowserTests;

public sealed class HelpdeskEmailTests(BrowserApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_agent_answers_an_emailed_ticket_and_the_customer_receives_it_with_the_token()
    {
        await using var imap = await TestImapServer.StartAsync();
        var support = await imap.AddMailboxAsync($"support-{Guid.NewGuid().ToString("N")[..6]}@test.crmcdp.local");
        using var admin = app.AdminApi();
        using var created = await admin.PostAsJsonAsync("/api/v1/mailboxes", new
        {
            name = "Support",
            host = "127.0.0.1",
            port = imap.Port,
            tlsMode = "none",
            user = support.User,
            password = support.Password,
            isSupport = true,
            enabled = false,
        }, Ct);
        var mailbox = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
        var customer = $"kim-{Guid.NewGuid().ToString("N")[..8]}@customer.example";
        var question = new MimeMessage { Subject = "Invoice is wrong", Date = DateTimeOffset.UtcNow };
        question.From.Add(MailboxAddress.Parse(customer));
        question.To.Add(MailboxAddress.Parse(support.User));
        question.Body = new TextPart("plain") { Text = "I was charged twice." };
        await imap.DeliverAsync(support, question);
        using (await admin.PostAsync($"/api/v1/mailboxes/{mailbox}/fetch", null, Ct))
        {
        }

        var tickets = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/tickets?queue=all&q={Uri.EscapeDataString(customer)}", Ct);
        var ticket = Assert.Single(tickets.EnumerateArray());
        var agent = await app.CreateUserAsync(BuiltInRoles.SupportAgent);
        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, agent, AppFixture.TestPassword);
        await page.GotoAsync($"/crm/tickets/{ticket.GetProperty("id").GetString()}");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await Assertions.Expect(page.GetByTestId("ticket-subject")).ToContainTextAsync("Invoice is wrong");
        await page.GetByTestId("reply-body").FillAsync("Refunded the second charge today.");
        await page.GetByTestId("send-reply").ClickAsync();
        await Assertions.Expect(page.GetByTestId("reply")).ToContainTextAsync("Refunded the second charge today.");

        var received = await app.Smtp.WaitForAsync(e => e.Message.To.Mailboxes.Any(m => m.Address == customer));
        Assert.Contains($"[#{ticket.GetProperty("number").GetInt64()}]", received.Message.Subject, StringComparison.Ordinal);
        Assert.Contains("Refunded the second charge today.", received.Message.TextBody, StringComparison.Ordinal);
        Assert.Empty(app.ConsoleErrorsOf(page));
    }
}
