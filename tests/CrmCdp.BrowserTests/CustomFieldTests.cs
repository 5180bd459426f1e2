using CrmCdp.TestSupport;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

public sealed class CustomFieldTests(BrowserApp app)
{
    [Fact]
    public async Task An_admin_defines_a_field_and_it_is_filled_on_a_new_contact()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, CrmCdpAppFactory.AdminEmail, CrmCdpAppFactory.AdminPassword);
        await page.GotoAsync("/admin/custom-fields");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await page.GetByTestId("field-label").FillAsync($"Favourite colour {suffix}");
        await page.GetByTestId("field-key").FillAsync($"colour{suffix}");
        await page.GetByTestId("add-field").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = $"colour{suffix}" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "custom-fields");

        await page.GotoAsync("/crm/contacts");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByTestId("new-contact").ClickAsync();
        // The dialog renders the custom fields once it has loaded them: each input is found by its own test id, and both
        // values are seen in place before saving (a fill by label once landed in the first-name input mid-render).
        var colour = page.GetByTestId($"custom-field-colour{suffix}");
        await Assertions.Expect(colour).ToBeVisibleAsync();
        await page.GetByTestId("contact-first-name").FillAsync($"Colourful{suffix}");
        await colour.FillAsync("teal");
        await Assertions.Expect(page.GetByTestId("contact-first-name")).ToHaveValueAsync($"Colourful{suffix}");
        await Assertions.Expect(colour).ToHaveValueAsync("teal");
        await page.GetByTestId("save-contact").ClickAsync();

        await Assertions.Expect(page.GetByTestId("contact-name")).ToHaveTextAsync($"Colourful{suffix}");
        await Assertions.Expect(page.GetByText("teal", new() { Exact = true })).ToBeVisibleAsync();
    }
}
