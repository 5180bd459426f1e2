using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.TestSupport;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

/// <summary>Web forms as marketers build them and visitors fill them in: the builder, and the embed on a site running analytics.js.</summary>
public sealed class WebFormTests(BrowserApp app)
{
    private const string Site = "http://landing.localhost";

    [Fact]
    public async Task A_marketer_builds_a_form_and_finds_its_link_and_embed_snippet()
    {
        var page = await app.NewPageAsync();
        await ShellTests.SignInAsync(page, CrmCdpAppFactory.AdminEmail, CrmCdpAppFactory.AdminPassword);
        await page.GotoAsync("/crm/forms");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var name = $"Demo request {Guid.NewGuid().ToString("N")[..6]}";

        await page.GetByTestId("new-form").ClickAsync();
        await page.GetByTestId("form-name").FillAsync(name);
        await page.GetByTestId("add-field").ClickAsync();
        await page.GetByTestId("field-label-1").FillAsync("Company");
        await page.GetByTestId("field-name-1").FillAsync("company");
        await page.GetByTestId("field-maps-1").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Company", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(0);
        await page.GetByTestId("save-form").ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("form-url")).ToContainTextAsync("/f/");
        await Assertions.Expect(page.GetByTestId("form-embed")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("data-crmcdp-form"));
        await Assertions.Expect(page.GetByTestId("submissions-empty")).ToBeVisibleAsync();
        using var admin = app.AdminApi();
        var forms = await admin.GetFromJsonAsync<JsonElement>("/api/v1/forms", TestContext.Current.CancellationToken);
        var saved = forms.EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);
        Assert.Equal(["email", "company"], saved.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("mapsTo").GetString()));
        Assert.Empty(app.ConsoleErrorsOf(page));
    }

    [Fact]
    public async Task A_visitor_browses_a_site_then_fills_its_embedded_form_and_the_profile_joins_both()
    {
        using var admin = app.AdminApi();
        using var source = await admin.PostAsJsonAsync("/api/v1/sources", new { name = $"Landing {Guid.NewGuid():N}", type = "website" }, TestContext.Current.CancellationToken);
        var writeKey = (await source.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("writeKey").GetString()!;
        using var created = await admin.PostAsJsonAsync("/api/v1/forms", new
        {
            name = "Get the offer",
            fields = new object[] { new { name = "email", label = "Work email", mapsTo = "email", required = true }, new { name = "first", label = "First name", mapsTo = "firstName" } },
            consents = new[] { new { category = "email", text = "Email me the offer and product news." } },
            thankYouMessage = "Thanks! The offer is on its way.",
        }, TestContext.Current.CancellationToken);
        var form = await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var cdn = app.BaseAddress.ToString().TrimEnd('/');
        var page = await app.NewPageAsync();
        var leaving = await CustomerSite.RouteAsync(app, page, Site, _ => LandingPage(writeKey, cdn, form.GetProperty("embedHtml").GetString()!));
        var email = $"visitor-{Guid.NewGuid().ToString("N")[..8]}@example.com";

        await page.GotoAsync($"{Site}/offer");
        await Assertions.Expect(page.GetByTestId("analytics-ready")).ToBeAttachedAsync();
        await page.GetByLabel("Work email").FillAsync(email);
        await page.GetByLabel("First name").FillAsync("Vic");
        await page.GetByLabel("Email me the offer and product news.").CheckAsync();
        // A person takes a moment; a post within the minimum fill time (1 s here) would be held as spam.
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-crmcdp-form]")).ToHaveTextAsync("Thanks! The offer is on its way.");
        Assert.Empty(leaving);
        var anonymousId = await page.EvaluateAsync<string>("() => window.analytics.user().anonymousId()");
        var profile = await admin.ProfileWhenAsync("anonymous_id", anonymousId,
            p => p.GetProperty("identifiers").EnumerateArray().Any(i => i.GetProperty("value").GetString() == email), TestContext.Current.CancellationToken);
        var events = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/profiles/{profile.GetProperty("id").GetString()}/events", TestContext.Current.CancellationToken);
        var kinds = events.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("event").GetString() ?? e.GetProperty("type").GetString()).ToList();
        Assert.Contains("page", kinds);
        Assert.Contains("Form Submitted", kinds);
        var contacts = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/contacts?email={Uri.EscapeDataString(email)}", TestContext.Current.CancellationToken);
        var contact = Assert.Single(contacts.GetProperty("items").EnumerateArray());
        Assert.Equal("Vic", contact.GetProperty("firstName").GetString());
        Assert.True(contact.GetProperty("emailConsent").GetBoolean());
        Assert.Empty(app.ConsoleErrorsOf(page));
    }

    private static string LandingPage(string writeKey, string cdn, string embed) => $$"""
        <!doctype html>
        <html>
        <head>
          <meta charset="utf-8">
          <title>Offer – Landing</title>
          {{CustomerSite.SegmentSnippet(writeKey, cdn)}}
        </head>
        <body>
          <main>{{embed}}</main>
          {{CustomerSite.ReadyMarker}}
        </body>
        </html>
        """;
}
