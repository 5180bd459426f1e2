using System.Net;
using CrmCdp.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CrmCdp.IntegrationTests.Admin;

[Collection(SharedAppGroup.Name)]
public sealed class AdminPagesTests(SharedApp app)
{
    [Theory]
    [InlineData("/", "Welcome")]
    [InlineData("/crm/contacts", "Contacts")]
    [InlineData("/crm/companies", "Companies")]
    [InlineData("/crm/my-day", "My day")]
    [InlineData("/crm/contacts/duplicates", "Possible duplicates")]
    [InlineData("/crm/contacts/import", "Import contacts")]
    [InlineData("/admin/custom-fields", "Custom fields")]
    [InlineData("/crm/recycle-bin", "Recycle bin")]
    [InlineData("/cdp", "Customer data platform")]
    [InlineData("/admin/users", "Users and teams")]
    [InlineData("/admin/roles", "Roles and permissions")]
    [InlineData("/admin/audit", "Audit log")]
    [InlineData("/admin/privacy", "Privacy requests")]
    [InlineData("/admin/pipelines", "Pipelines")]
    [InlineData("/crm/deals", "Deals")]
    [InlineData("/crm/deals/reports", "Forecast and reports")]
    [InlineData("/crm/deals/list", "Deals list")]
    [InlineData("/crm/tickets", "Tickets")]
    [InlineData("/cdp/sources", "Sources")]
    [InlineData("/crm/tickets/dashboard", "Support dashboard")]
    [InlineData("/account/security", "Sign-in security")]
    [InlineData("/admin/api-keys", "API keys")]
    public async Task Every_page_renders_for_the_admin(string path, string heading)
    {
        using var browser = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await FormSignIn.SignInAsync(browser, CrmCdpAppFactory.AdminEmail, CrmCdpAppFactory.AdminPassword);

        using var response = await browser.GetAsync(path, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}: {html[..Math.Min(html.Length, 2000)]}");
        Assert.Contains(heading, html, StringComparison.Ordinal);
        // Until the circuit is live, clicks are held under a visible "connecting" cue rather than lost.
        Assert.Contains("data-testid=\"connecting\"", html, StringComparison.Ordinal);
    }
}
