using CrmCdp.TestSupport;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

public sealed class DestinationsPageTests(BrowserApp app)
{
    [Fact]
    public async Task A_marketer_adds_a_webhook_copies_its_secret_tests_it_and_reads_the_attempt_in_the_delivery_log()
    {
        var name = $"Hook {Guid.NewGuid().ToString("N")[..6]}";
        var endpoint = "browser-" + Guid.NewGuid().ToString("N")[..8];
        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, CrmCdpAppFactory.AdminEmail, CrmCdpAppFactory.AdminPassword);
        await page.GotoAsync("/cdp/destinations");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await page.GetByTestId("new-destination").ClickAsync();
        await page.GetByTestId("destination-name").FillAsync(name);
        await page.GetByTestId("destination-url").FillAsync("ftp://files.example.com/drop");
        await page.GetByTestId("create-destination").ClickAsync();
        await Assertions.Expect(page.GetByTestId("destination-form")).ToContainTextAsync("absolute http:// or https:// URL");

        await page.GetByTestId("destination-url").FillAsync(app.Webhooks.Url(endpoint));
        await page.GetByTestId("create-destination").ClickAsync();
        await Assertions.Expect(page.GetByTestId("secret-alert")).ToContainTextAsync(name);
        var secret = await page.GetByTestId("secret").InnerTextAsync();
        Assert.StartsWith("whsec_", secret);
        app.Webhooks.Trust(endpoint, secret);
        await Screenshots.SaveAsync(page, "destinations-created");

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("nothing yet");
        await row.GetByTestId("test-destination").ClickAsync();
        await Assertions.Expect(page.GetByTestId("test-result")).ToContainTextAsync("HTTP 200");
        var received = Assert.Single(app.Webhooks.At(endpoint));
        Assert.True(received.Verified, "the test request's signature did not verify with the secret the page showed");

        await row.GetByTestId("destination-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("destination-health")).ToContainTextAsync("of 1 attempts succeeded");
        await Assertions.Expect(page.GetByTestId("delivery-status")).ToHaveTextAsync("delivered");
        await page.GetByTestId("deliveries-table").GetByText(received.WebhookId).ClickAsync();
        await Assertions.Expect(page.GetByTestId("delivery-detail")).ToContainTextAsync("200 in");
        await Assertions.Expect(page.GetByTestId("delivery-detail")).ToContainTextAsync("destination.test");
        await Screenshots.SaveAsync(page, "destination-delivery-log");
    }
}
