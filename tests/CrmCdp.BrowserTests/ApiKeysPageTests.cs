using CrmCdp.TestSupport;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

public sealed class ApiKeysPageTests(BrowserApp app)
{
    [Fact]
    public async Task The_admin_creates_an_api_key_after_fixing_a_validation_error_then_revokes_it()
    {
        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, CrmCdpAppFactory.AdminEmail, CrmCdpAppFactory.AdminPassword);
        await page.GotoAsync("/admin/api-keys");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await page.GetByTestId("new-api-key").ClickAsync();
        await page.GetByTestId("create-api-key").ClickAsync();
        await Assertions.Expect(page.GetByText("Give the key a name that says what uses it.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Choose the role whose permissions the key carries.")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "api-key-validation");

        var name = $"Nightly ERP sync {Guid.NewGuid().ToString("N")[..6]}";
        await page.GetByTestId("api-key-name").FillAsync(name);
        await page.GetByTestId("api-key-role").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "SalesRep", Exact = true }).ClickAsync();
        await page.GetByTestId("create-api-key").ClickAsync();

        await Assertions.Expect(page.GetByTestId("created-key")).ToContainTextAsync("crm_");
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.GetByTestId("created-key").GetByTestId("copy-secret").ClickAsync();
        await Assertions.Expect(page.GetByText("Copied the API key.")).ToBeVisibleAsync();
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal(await page.GetByTestId("created-key").Locator("code").TextContentAsync(), copied);
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("Active");
        await Screenshots.SaveAsync(page, "api-key-created");

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Revoked");
        await Screenshots.SaveAsync(page, "api-key-revoked");
    }
}
