using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Cdp.Segments;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

/// <summary>The canonical case reaches the rep: a segment's activation makes a task, and the rep's open page hears of it at once.</summary>
public sealed class NotificationBellTests(BrowserApp app)
{
    [Fact]
    public async Task The_bell_lights_up_live_and_opens_on_a_click_with_the_activation_task()
    {
        var rep = await app.CreateUserAsync(BuiltInRoles.SalesRep);
        var repId = await app.UserIdAsync(rep);
        using var admin = app.AdminApi();
        var marker = $"campaign-{Guid.NewGuid():N}";
        var email = $"hot-lead-{Guid.NewGuid():N}@example.com";
        using (var contact = await admin.PostAsJsonAsync("/api/v1/contacts", new { firstName = "Hana", lastName = "Hotlead", email, ownerId = repId }, TestContext.Current.CancellationToken))
        {
            contact.EnsureSuccessStatusCode();
        }

        var key = await app.CreateSourceKeyAsync($"Bell {Guid.NewGuid():N}"[..12]);
        var user = $"hana-{Guid.NewGuid():N}";
        await app.SendBatchAsync(key, new { type = "identify", userId = user, traits = new { email, campaign = marker } });
        await app.ProfileWhenAsync("user_id", user, p => p.GetProperty("contactId").ValueKind == JsonValueKind.String);

        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, rep, AppFixture.TestPassword);
        await page.GotoAsync("/crm/my-day");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        // Saving an activated segment refreshes it at once; the activation makes the rep's task and tells them.
        using (var segment = await admin.PostAsJsonAsync("/api/v1/segments", new
        {
            name = $"High intent {marker}",
            definition = SegmentCondition.Trait("campaign", "equals", marker),
            activationEnabled = true,
        }, TestContext.Current.CancellationToken))
        {
            segment.EnsureSuccessStatusCode();
        }

        await Assertions.Expect(page.GetByTestId("notifications").Locator(".mud-badge")).ToContainTextAsync("1", new() { Timeout = 60_000 });
        await page.GetByTestId("bell").ClickAsync();

        var notice = page.GetByTestId("notification").Filter(new() { HasText = "Hana Hotlead" });
        await Assertions.Expect(notice).ToContainTextAsync("New task: Call Hana Hotlead");
        await notice.ClickAsync();
        await Assertions.Expect(page.GetByTestId("contact-name")).ToHaveTextAsync("Hana Hotlead");
        Assert.Empty(app.ConsoleErrorsOf(page));
    }
}
