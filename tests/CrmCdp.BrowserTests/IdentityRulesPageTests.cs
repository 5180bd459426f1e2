using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.TestSupport;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

public sealed class IdentityRulesPageTests(BrowserApp app)
{
    [Fact]
    public async Task A_data_steward_sees_why_rules_are_refused_and_saves_valid_ones()
    {
        var pattern = $"^ui-test-blocked-{Guid.NewGuid().ToString("N")[..6]}-\\d+$";
        using var admin = app.AdminApi();
        try
        {
            var page = await app.NewPageAsync();
            await ShellTests.SignInAsync(page, CrmCdpAppFactory.AdminEmail, CrmCdpAppFactory.AdminPassword);
            await page.GetByTestId("nav-identity-rules").ClickAsync();
            var types = page.GetByTestId("priority-type");
            await Assertions.Expect(types).ToHaveTextAsync(["user_id", "email", "phone", "anonymous_id"]);

            await page.GetByTestId("priority-down").First.ClickAsync();
            await Assertions.Expect(types).ToHaveTextAsync(["email", "user_id", "phone", "anonymous_id"]);
            await page.GetByTestId("priority-up").Nth(1).ClickAsync();
            await Assertions.Expect(types).ToHaveTextAsync(["user_id", "email", "phone", "anonymous_id"]);

            await page.GetByTestId("limit-email").FillAsync("0");
            await page.GetByTestId("add-pattern").ClickAsync();
            await page.GetByTestId("blocked-pattern").Last.FillAsync("([");
            await page.GetByTestId("save-rules").ClickAsync();
            await Assertions.Expect(page.GetByText("Not a valid regular expression", new() { Exact = false })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("A limit is a whole number from 1 to 1,000", new() { Exact = false })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("rules-message")).ToContainTextAsync("not saved");
            await Screenshots.SaveAsync(page, "identity-rules-invalid");

            await page.GetByTestId("limit-email").FillAsync("5");
            await page.GetByTestId("blocked-pattern").Last.FillAsync(pattern);
            await page.GetByTestId("new-blocked-value").FillAsync("ui-test-placeholder");
            await page.GetByTestId("add-blocked-value").ClickAsync();
            await Assertions.Expect(page.GetByTestId("blocked-value").Filter(new() { HasText = "ui-test-placeholder" })).ToHaveCountAsync(1);
            await page.GetByTestId("save-rules").ClickAsync();
            await Assertions.Expect(page.GetByTestId("rules-message")).ToContainTextAsync("Saved");
            await Screenshots.SaveAsync(page, "identity-rules-saved");

            var saved = await admin.GetFromJsonAsync<JsonElement>("/api/v1/identity/rules", TestContext.Current.CancellationToken);
            Assert.Contains(pattern, saved.GetProperty("blockedPatterns").EnumerateArray().Select(p => p.GetString()));
            Assert.Contains("ui-test-placeholder", saved.GetProperty("blockedValues").EnumerateArray().Select(p => p.GetString()));
            Assert.Equal(5, saved.GetProperty("limits").GetProperty("email").GetInt32());
            Assert.Empty(app.ConsoleErrorsOf(page));
        }
        finally
        {
            using var restored = await admin.PutAsJsonAsync("/api/v1/identity/rules", new
            {
                priority = new[] { "user_id", "email", "phone", "anonymous_id" },
                limits = new Dictionary<string, int> { ["user_id"] = 1, ["email"] = 5 },
            }, TestContext.Current.CancellationToken);
            restored.EnsureSuccessStatusCode();
        }
    }
}
