using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

public sealed class TicketTests(BrowserApp app)
{
    [Fact]
    public async Task An_agent_replies_to_a_ticket_and_its_first_response_timer_stops()
    {
        var email = await app.CreateUserAsync(BuiltInRoles.SupportAgent);
        var subject = $"Cannot log in {Guid.NewGuid().ToString("N")[..6]}";
        string ticketId;
        using (var admin = app.AdminApi())
        {
            using var created = await admin.PostAsJsonAsync("/api/v1/tickets", new { subject, priority = "high" }, TestContext.Current.CancellationToken);
            ticketId = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;
        }

        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, email, AppFixture.TestPassword);
        await page.GotoAsync("/crm/tickets");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await ShellTests.SelectTabAsync(page, "Unassigned");
        await page.GetByRole(AriaRole.Link, new() { Name = subject }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("first-response")).ToContainTextAsync("Response due in");

        await page.GetByTestId("reply-body").FillAsync("Internal: checking the auth logs");
        await page.GetByLabel("Internal note", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("send-reply").ClickAsync();
        await Assertions.Expect(page.GetByTestId("reply")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("first-response")).ToContainTextAsync("Response due in");

        await page.GetByLabel("Internal note", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("reply-body").FillAsync("Hi! We reset your password; please try again.");
        await page.GetByTestId("send-reply").ClickAsync();
        await Assertions.Expect(page.GetByTestId("reply")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("first-response")).ToContainTextAsync("Responded");
        await Screenshots.SaveAsync(page, "ticket-replied");
        Assert.Contains($"/crm/tickets/{ticketId}", page.Url, StringComparison.Ordinal);
        Assert.Empty(app.ConsoleErrorsOf(page));
    }
}
