using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Cdp.Profiles;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

public sealed class JourneyBuilderTests(BrowserApp app)
{
    [Fact]
    public async Task A_marketer_builds_and_publishes_a_two_step_journey_and_sees_a_person_move_through_it()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (user, email, segmentName) = ($"journey-{suffix}", $"journey-{suffix}@example.com", $"Journey run {suffix}");
        var key = await app.CreateSourceKeyAsync($"Journeys {suffix}");
        using (var api = app.AdminApi())
        {
            using var contact = await api.PostAsJsonAsync("/api/v1/contacts", new { firstName = "Jo", lastName = $"Journey{suffix}", email }, TestContext.Current.CancellationToken);
            contact.EnsureSuccessStatusCode();
            using var segment = await api.PostAsJsonAsync("/api/v1/segments", new { name = segmentName, definition = new { type = "trait", field = "run", @operator = "equals", value = suffix } },
                TestContext.Current.CancellationToken);
            segment.EnsureSuccessStatusCode();
        }

        await app.SendBatchAsync(key, new { type = "identify", userId = user, traits = new { email } });
        await app.ProfileWhenAsync("user_id", user, _ => true);
        await app.Factory.Services.GetRequiredService<ContactLinkJob>().RunAsync(TestContext.Current.CancellationToken);
        await app.ProfileWhenAsync("user_id", user, p => p.GetProperty("contactId").ValueKind == JsonValueKind.String);

        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, await app.CreateUserAsync(BuiltInRoles.Marketer), AppFixture.TestPassword);
        await page.GetByTestId("nav-journeys").ClickAsync();
        await page.GetByTestId("new-journey").ClickAsync();
        await page.GetByTestId("journey-name").FillAsync($"Follow-up {suffix}");
        await page.GetByTestId("journey-segment").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = segmentName, Exact = true }).ClickAsync();

        // The first step is an email with no template yet: publishing names the step.
        await page.GetByTestId("publish-journey").ClickAsync();
        await Assertions.Expect(page.GetByTestId("step-step1").GetByTestId("step-error")).ToContainTextAsync("Step 'step1' needs an existing email template");
        await Screenshots.SaveAsync(page, "journey-builder-invalid");

        await page.GetByTestId("step-step1").GetByTestId("step-type").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Wait", Exact = true }).ClickAsync();
        await page.GetByTestId("step-step1").GetByTestId("step-amount").FillAsync("1");
        await page.GetByTestId("step-step1").GetByTestId("step-unit").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "hours", Exact = true }).ClickAsync();
        await page.GetByTestId("step-step1").GetByTestId("add-after").ClickAsync();
        await page.GetByTestId("step-step2").GetByTestId("step-type").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Create a CRM task", Exact = true }).ClickAsync();
        await page.GetByTestId("step-step2").GetByTestId("step-title").FillAsync("Call {name} about the follow-up");
        await page.GetByTestId("publish-journey").ClickAsync();
        await Assertions.Expect(page.GetByTestId("journey-status")).ToContainTextAsync("live · version 1");
        await Assertions.Expect(page.GetByTestId("step-error")).ToHaveCountAsync(0);

        await app.SendBatchAsync(key, new { type = "identify", userId = user, traits = new { run = suffix } });
        await Assertions.Expect(page.GetByTestId("person-status")).ToContainTextAsync("active", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("person-step")).ToHaveTextAsync("step1");
        await Screenshots.SaveAsync(page, "journey-person-waiting");
        // The hour passes.
        await JourneyClock.EndWaitsAsync(app.Factory.ConnectionString, new Uri(page.Url).Segments[^1]);
        await Assertions.Expect(page.GetByTestId("person-status")).ToHaveTextAsync("completed", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("journey-people")).ToContainTextAsync("step1 (done) → step2 (created)");
        await Assertions.Expect(page.GetByTestId("funnel-step2")).ToContainTextAsync("1 entered, 1 done");
        await Screenshots.SaveAsync(page, "journey-person-done");

        // The person's profile shows the journey and the way they took.
        await page.GetByTestId("journey-people").GetByRole(AriaRole.Link).First.ClickAsync();
        var row = page.GetByTestId("profile-journey-row");
        await Assertions.Expect(row).ToContainTextAsync($"Follow-up {suffix}");
        await Assertions.Expect(row).ToContainTextAsync("completed");
        await Assertions.Expect(row).ToContainTextAsync("step1 (done) → step2 (created)");
    }
}
