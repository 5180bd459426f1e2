using System.Text;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

public sealed class ImportTests(BrowserApp app)
{
    [Fact]
    public async Task A_rep_maps_columns_previews_and_imports_a_csv_to_a_report()
    {
        var email = await app.CreateUserAsync(BuiltInRoles.SalesRep);
        var marker = Guid.NewGuid().ToString("N")[..6];
        var csv = $"""
            Name,Email address,Employer
            Grace Hopper,grace.{marker}@navy.example,Navy {marker}
            Broken Row,not-an-email,
            Alan Turing,alan.{marker}@bletchley.example,Bletchley {marker}
            """;
        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, email, AppFixture.TestPassword);
        await page.GotoAsync("/crm/contacts");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByTestId("import-contacts").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Import contacts" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "import-start");

        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "people.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await Assertions.Expect(page.GetByTestId("mapping")).ToContainTextAsync("Employer");
        await page.GetByTestId("map-Employer").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Company", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("preview")).ToContainTextAsync("is not a valid email address");
        await Screenshots.SaveAsync(page, "import-mapping-preview");

        await page.GetByTestId("start-import").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-progress-bar")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("import-report")).ToContainTextAsync("2 created", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("import-report")).ToContainTextAsync("1 skipped");
        await Assertions.Expect(page.GetByTestId("import-errors")).ToContainTextAsync("not a valid email");
        await Screenshots.SaveAsync(page, "import-report");

        await page.GotoAsync($"/crm/contacts");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByTestId("contact-search").FillAsync(marker);
        await Assertions.Expect(page.GetByTestId("contacts-table")).ToContainTextAsync("Grace Hopper");
        await Assertions.Expect(page.GetByTestId("contacts-table")).ToContainTextAsync($"Bletchley {marker}");
    }
}
