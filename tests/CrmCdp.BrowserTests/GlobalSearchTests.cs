using System.Net.Http.Json;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

public sealed class GlobalSearchTests(BrowserApp app)
{
    [Fact]
    public async Task The_slash_key_opens_search_and_a_hit_jumps_to_the_contact()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var lastName = $"Zephyr{Guid.NewGuid().ToString("N")[..5]}";
        using var created = await rep.Api.PostAsJsonAsync("/api/v1/contacts", new { firstName = "Quinn", lastName, phones = new[] { "+1 646 555 0142" } },
            TestContext.Current.CancellationToken);
        created.EnsureSuccessStatusCode();
        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, rep.Email, AppFixture.TestPassword);
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await page.Keyboard.PressAsync("/");
        await page.Keyboard.TypeAsync(lastName);
        var hit = page.GetByText($"Quinn {lastName}");
        await Assertions.Expect(hit).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "global-search");
        await hit.ClickAsync();

        await Assertions.Expect(page.GetByTestId("contact-name")).ToHaveTextAsync($"Quinn {lastName}");
    }

    [Fact]
    public async Task Search_finds_contacts_companies_deals_and_tickets_grouped_by_kind()
    {
        var word = $"Dickens{Guid.NewGuid().ToString("N")[..5]}";
        using (var admin = app.AdminApi())
        {
            var pipelines = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/pipelines", TestContext.Current.CancellationToken);
            var pipeline = pipelines[0].GetProperty("id").GetString();
            foreach (var (path, body) in new (string, object)[]
            {
                ("/api/v1/contacts", new { firstName = "Charles", lastName = word }),
                ("/api/v1/companies", new { name = $"{word} Inc" }),
                ("/api/v1/deals", new { name = $"{word} renewal", pipelineId = pipeline }),
                ("/api/v1/tickets", new { subject = $"{word} invoice question" }),
            })
            {
                using var created = await admin.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);
                created.EnsureSuccessStatusCode();
            }
        }

        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, CrmCdpAppFactory.AdminEmail, CrmCdpAppFactory.AdminPassword);
        await page.Locator("#global-search").FillAsync(word);

        await Assertions.Expect(page.GetByTestId("search-group")).ToHaveTextAsync(["Contacts", "Companies", "Deals", "Tickets"]);
        await page.GetByText($"{word} Inc").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{word} Inc" })).ToBeVisibleAsync();
    }
}
