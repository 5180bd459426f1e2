using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

public sealed partial class EmailTests(BrowserApp app)
{
    [Fact]
    public async Task A_rep_emails_a_contact_from_its_page_and_sees_it_on_the_timeline()
    {
        var rep = await app.CreateUserAsync(BuiltInRoles.SalesRep);
        var address = $"dana-{Guid.NewGuid().ToString("N")[..8]}@customer.example";
        using var admin = app.AdminApi();
        using var created = await admin.PostAsJsonAsync("/api/v1/contacts",
            new { firstName = "Dana", lastName = "Browser", emails = new[] { address }, ownerId = await app.UserIdAsync(rep) }, TestContext.Current.CancellationToken);
        var contact = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString();
        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, rep, AppFixture.TestPassword);
        await page.GotoAsync($"/crm/contacts/{contact}");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await page.GetByTestId("send-email").ClickAsync();
        await page.GetByTestId("compose-subject").FillAsync("Your trial, {{ contact.first_name }}");
        await page.GetByTestId("compose-body").FillAsync("Hi {{ contact.first_name }}, how is the trial going?");
        await page.GetByTestId("compose-send").ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("Your trial, Dana");
        var received = await app.Smtp.WaitForAsync(e => e.Message.To.Mailboxes.Any(m => m.Address == address));
        Assert.Equal("Your trial, Dana", received.Message.Subject);
        Assert.Contains("Hi Dana, how is the trial going?", received.Message.TextBody, StringComparison.Ordinal);
        Assert.Empty(app.ConsoleErrorsOf(page));
    }

    [Fact]
    public async Task A_manager_emails_a_deals_contact_from_the_deal_and_it_lands_on_the_deals_timeline()
    {
        var address = $"dev-{Guid.NewGuid().ToString("N")[..8]}@customer.example";
        using var admin = app.AdminApi();
        using var createdContact = await admin.PostAsJsonAsync("/api/v1/contacts", new { firstName = "Devi", lastName = "Deal", emails = new[] { address } }, TestContext.Current.CancellationToken);
        var contact = (await createdContact.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString();
        var pipelines = await admin.GetFromJsonAsync<JsonElement>("/api/v1/pipelines", TestContext.Current.CancellationToken);
        using var createdDeal = await admin.PostAsJsonAsync("/api/v1/deals",
            new { name = "Devi's renewal", amount = 900m, pipelineId = pipelines[0].GetProperty("id").GetString(), contactIds = new[] { contact } }, TestContext.Current.CancellationToken);
        var deal = (await createdDeal.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString();
        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, CrmCdpAppFactory.AdminEmail, CrmCdpAppFactory.AdminPassword);
        await page.GotoAsync($"/crm/deals/{deal}");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await page.GetByTestId("email-contact").ClickAsync();
        await page.GetByTestId("compose-subject").FillAsync("About your renewal");
        await page.GetByTestId("compose-body").FillAsync("Hi {{ contact.first_name }}, shall we renew?");
        await page.GetByTestId("compose-send").ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("deal-timeline")).ToContainTextAsync("About your renewal");
        var received = await app.Smtp.WaitForAsync(e => e.Message.To.Mailboxes.Any(m => m.Address == address));
        Assert.Contains("Hi Devi, shall we renew?", received.Message.TextBody, StringComparison.Ordinal);
        Assert.Empty(app.ConsoleErrorsOf(page));
    }

    [Fact]
    public async Task An_invited_user_sets_a_password_from_the_email_and_signs_in()
    {
        var email = $"invited-{Guid.NewGuid().ToString("N")[..8]}@test.crmcdp.local";
        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, CrmCdpAppFactory.AdminEmail, CrmCdpAppFactory.AdminPassword);
        await page.GotoAsync("/admin/users");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await page.GetByTestId("new-user").ClickAsync();
        await page.GetByTestId("user-email").FillAsync(email);
        await page.GetByTestId("user-name").FillAsync("Ina Invited");
        await page.GetByTestId("user-roles").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = BuiltInRoles.SalesRep, Exact = true }).ClickAsync();
        var emailField = await page.GetByTestId("user-email").BoundingBoxAsync();
        await page.Mouse.ClickAsync(emailField!.X + 10, emailField.Y + 10);
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { Name = BuiltInRoles.SalesRep, Exact = true })).ToBeHiddenAsync();
        await page.GetByTestId("save-user").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        var invitation = await app.Smtp.WaitForAsync(e => e.Message.To.Mailboxes.Any(m => m.Address == email));
        var link = LinkPattern().Match(invitation.Message.TextBody ?? "").Value;
        var newcomer = await app.NewPageAsync();
        await newcomer.GotoAsync(link);
        await newcomer.GetByTestId("new-password").FillAsync("Invited-Passw0rd-1");
        await newcomer.GetByTestId("confirm-password").FillAsync("Invited-Passw0rd-1");
        await newcomer.GetByTestId("set-password").ClickAsync();
        await Assertions.Expect(newcomer.GetByTestId("password-changed")).ToBeVisibleAsync();
        await ShellTests.SignInAsync(newcomer, email, "Invited-Passw0rd-1");
        await Assertions.Expect(newcomer.GetByTestId("nav-crm")).ToBeVisibleAsync();
        Assert.Empty(app.ConsoleErrorsOf(newcomer));
    }

    [GeneratedRegex(@"https?://\S+/account/invitation\?\S+")]
    private static partial Regex LinkPattern();
}
