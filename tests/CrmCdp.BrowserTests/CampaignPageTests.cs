using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Cdp.Profiles;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

public sealed class CampaignPageTests(BrowserApp app)
{
    [Fact]
    public async Task A_marketer_writes_a_campaign_sends_it_after_confirming_and_watches_it_go_out()
    {
        var ct = TestContext.Current.CancellationToken;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (user, email, segmentName, templateName) = ($"campaign-{suffix}", $"campaign-{suffix}@example.com", $"Campaign run {suffix}", $"Winter sale {suffix}");
        var key = await app.CreateSourceKeyAsync($"Campaigns {suffix}");
        using (var api = app.AdminApi())
        {
            (await api.PostAsJsonAsync("/api/v1/contacts", new { firstName = "Cam", lastName = $"Paign{suffix}", email, emailConsent = true }, ct)).EnsureSuccessStatusCode();
            (await api.PostAsJsonAsync("/api/v1/segments", new { name = segmentName, definition = new { type = "trait", field = "run", @operator = "equals", value = suffix } }, ct)).EnsureSuccessStatusCode();
            (await api.PostAsJsonAsync("/api/v1/email/templates", new { name = templateName, subject = "Winter sale, {{ contact.first_name }}", html = "<p>20% off</p>" }, ct)).EnsureSuccessStatusCode();
        }

        await app.SendBatchAsync(key, new { type = "identify", userId = user, traits = new { email, run = suffix } });
        await app.ProfileWhenAsync("user_id", user, _ => true);
        await app.Factory.Services.GetRequiredService<ContactLinkJob>().RunAsync(ct);
        await app.ProfileWhenAsync("user_id", user, p => p.GetProperty("contactId").ValueKind == JsonValueKind.String);

        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, await app.CreateUserAsync(BuiltInRoles.Marketer), AppFixture.TestPassword);
        await page.GetByTestId("nav-campaigns").ClickAsync();
        await page.GetByTestId("new-campaign").ClickAsync();
        // Nothing filled in: the problems show on the fields, and nothing is asked or sent.
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByTestId("send-campaign").ClickAsync();
        await Assertions.Expect(page.GetByText("Give the campaign a name").First).ToBeVisibleAsync();

        await page.GetByTestId("campaign-name").FillAsync($"Winter {suffix}");
        await page.GetByTestId("campaign-segment").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = segmentName, Exact = true }).ClickAsync();
        await page.GetByTestId("campaign-template").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = templateName, Exact = true }).ClickAsync();
        await page.GetByTestId("send-campaign").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Send now" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("campaign-status")).ToHaveTextAsync("sent", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("campaign-sent")).ToContainTextAsync("1", new() { Timeout = 30_000 });
        await Screenshots.SaveAsync(page, "campaign-sent");
        await app.Smtp.WaitForAsync(e => e.Message.To.Mailboxes.Any(m => m.Address == email), TimeSpan.FromSeconds(30));
        await page.GetByTestId("nav-campaigns").ClickAsync();
        await Assertions.Expect(page.GetByTestId("campaigns-table")).ToContainTextAsync($"Winter {suffix}");
    }
}
