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

        await page.Keyboard.PressAsync("/");
        await page.Keyboard.TypeAsync(lastName);
        var hit = page.GetByText($"Quinn {lastName}");
        await Assertions.Expect(hit).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "global-search");
        await hit.ClickAsync();

        await Assertions.Expect(page.GetByTestId("contact-name")).ToHaveTextAsync($"Quinn {lastName}");
    }
}
