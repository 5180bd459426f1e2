using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.Playwright;

namespace CrmCdp.BrowserTests;

/// <summary>Every page fits a 390 px phone for every role, with no console error, and a dialog's buttons stay on screen.</summary>
public sealed class PhoneLayoutTests(BrowserApp app)
{
    private const int PhoneWidth = 390;

    private static readonly string[] FixedPages =
    [
        "/", "/account/preferences", "/account/security", "/crm", "/crm/my-day", "/crm/contacts", "/crm/contacts/duplicates", "/crm/contacts/import",
        "/crm/companies", "/crm/deals", "/crm/deals/list", "/crm/deals/reports", "/crm/tickets", "/crm/tickets/dashboard", "/crm/recycle-bin",
        "/cdp", "/cdp/profiles", "/cdp/segments", "/cdp/segments/new", "/cdp/computed-traits", "/cdp/identity-rules", "/cdp/sources",
        "/admin/users", "/admin/roles", "/admin/api-keys", "/admin/audit", "/admin/custom-fields", "/admin/pipelines", "/admin/privacy",
        "/admin/email", "/email/templates", "/crm/forms", "/crm/unknown-senders",
    ];

    /// <summary>The innermost element reaching past the viewport, to name in a failure.</summary>
    private const string WidestElement = """
        () => {
          const over = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1);
          const innermost = over.filter(e => !over.some(o => o !== e && e.contains(o)));
          const e = innermost[0];
          return e ? `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${(e.textContent || '').trim().slice(0, 40)}"` : 'nothing visible';
        }
        """;

    public static TheoryData<string> Roles() => new(BuiltInRoles.All.Select(r => r.Name));

    private async Task<IPage> PhoneAsync()
    {
        var page = await app.NewPageAsync();
        await page.SetViewportSizeAsync(PhoneWidth, 800);
        return page;
    }

    /// <summary>A record of each kind, so the pages that show one have something to show.</summary>
    private async Task<IReadOnlyList<string>> RecordPagesAsync()
    {
        using var admin = app.AdminApi();
        async Task<string> IdAsync(string path, object body)
        {
            using var created = await admin.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);
            created.EnsureSuccessStatusCode();
            return (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;
        }

        var company = await IdAsync("/api/v1/companies", new { name = $"Narrow {Guid.NewGuid():N}"[..20] });
        var contact = await IdAsync("/api/v1/contacts", new { firstName = "Nara", lastName = "Phone", email = $"nara-{Guid.NewGuid():N}@example.com", companyId = company });
        var pipelines = await admin.GetFromJsonAsync<JsonElement>("/api/v1/pipelines", TestContext.Current.CancellationToken);
        var deal = await IdAsync("/api/v1/deals", new { name = "A deal with a rather long name to test wrapping", pipelineId = pipelines[0].GetProperty("id").GetString(), contactIds = new[] { contact }, companyId = company });
        var ticket = await IdAsync("/api/v1/tickets", new { subject = "A ticket seen on a phone", contactId = contact });
        return [$"/crm/companies/{company}", $"/crm/contacts/{contact}", $"/crm/deals/{deal}", $"/crm/tickets/{ticket}"];
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_page_fits_a_phone_for_every_role(string role)
    {
        var email = await app.CreateUserAsync(role);
        var page = await PhoneAsync();
        await ShellTests.SignInAsync(page, email, AppFixture.TestPassword);
        var tooWide = new List<string>();
        foreach (var path in FixedPages.Concat(await RecordPagesAsync()))
        {
            await page.GotoAsync(path);
            // Pages outside the role's reach send it to the access-denied page, which is static.
            await page.Locator("[data-testid=interactive], .account-card").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > PhoneWidth)
            {
                tooWide.Add($"{path}: {width} px, widened by {await page.EvaluateAsync<string>(WidestElement)}");
            }
        }

        Assert.Empty(tooWide);
        Assert.Empty(app.ConsoleErrorsOf(page));
    }

    [Fact]
    public async Task The_log_call_dialog_can_be_saved_on_a_phone()
    {
        var rep = await app.CreateUserAsync(BuiltInRoles.SalesRep);
        var repId = await app.UserIdAsync(rep);
        using var admin = app.AdminApi();
        using var created = await admin.PostAsJsonAsync("/api/v1/contacts", new { firstName = "Cal", lastName = "Mobile", ownerId = repId }, TestContext.Current.CancellationToken);
        var contact = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString();
        var page = await PhoneAsync();
        await ShellTests.SignInAsync(page, rep, AppFixture.TestPassword);
        await page.GotoAsync($"/crm/contacts/{contact}");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        // The app bar keeps a usable search box on a phone, not a stub.
        var search = await page.Locator("#global-search").BoundingBoxAsync();
        Assert.True(search is { Width: >= 150 }, $"The search box is {search?.Width} px wide.");

        await page.GetByTestId("log-call").ClickAsync();
        var save = page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Save" });
        await Assertions.Expect(save).ToBeInViewportAsync(new() { Ratio = 1 });
        await save.ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("Call");
        Assert.Equal(PhoneWidth, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));
    }
}
