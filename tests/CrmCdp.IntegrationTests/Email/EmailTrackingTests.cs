using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.Web.Platform.Auth;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CrmCdp.IntegrationTests.Email;

public sealed partial class EmailTrackingTests(MailApp app) : IClassFixture<MailApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reps_tracked_email_records_the_open_and_the_click_and_its_links_cannot_be_bent_elsewhere()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var (saved, _) = await CrmApi.SendAsync(rep.Api, HttpMethod.Put, "/api/v1/me/preferences", new { trackEmails = true });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var address = $"{CrmApi.Unique("tess")}@customer.example";
        var contact = await CrmApi.CreateContactAsync(rep.Api, new { firstName = "Tess", lastName = "Tracked", emails = new[] { address }, emailConsent = true });

        var (accepted, queued) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/emails", new
        {
            contactId = contact.Id(),
            subject = "Our pricing",
            text = "Hi Tess, the plans are at https://example.com/pricing?plan=pro — Rep",
        });

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.True(queued.GetProperty("tracked").GetBoolean(), queued.ToString());
        var received = await app.Smtp.WaitForAsync(e => e.Message.To.Mailboxes.Any(m => m.Address == address));
        var html = received.Message.HtmlBody!;
        Assert.Contains("https://example.com/pricing?plan=pro", received.Message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"https://example.com", html, StringComparison.Ordinal);
        var pixel = new Uri(PixelPattern().Match(html).Groups[1].Value);
        var link = new Uri(LinkPattern().Match(html).Groups[1].Value);
        using var recipient = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var opened = await recipient.GetAsync(pixel.PathAndQuery, Ct);
        using var clicked = await recipient.GetAsync(link.PathAndQuery, Ct);
        var bent = link.PathAndQuery[..^3] + (link.PathAndQuery[^3] == 'A' ? "B" : "A") + link.PathAndQuery[^2..];
        using var forged = await recipient.GetAsync(bent, Ct);

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("image/gif", opened.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Redirect, clicked.StatusCode);
        Assert.Equal("https://example.com/pricing?plan=pro", clicked.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null(forged.Headers.Location);
        var email = await rep.Api.GetFromJsonAsync<JsonElement>($"/api/v1/emails/{queued.Id()}", Ct);
        Assert.Equal((1, 1), (email.GetProperty("openCount").GetInt32(), email.GetProperty("clickCount").GetInt32()));
        Assert.NotEqual(JsonValueKind.Null, email.GetProperty("openedAt").ValueKind);
    }

    [Fact]
    public async Task A_contact_who_did_not_agree_to_email_is_never_tracked_even_when_asked()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var address = $"{CrmApi.Unique("pia")}@customer.example";
        var contact = await CrmApi.CreateContactAsync(rep.Api, new { firstName = "Pia", lastName = "Private", emails = new[] { address } });

        var (accepted, queued) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/emails", new
        {
            contactId = contact.Id(),
            subject = "Hello",
            html = "<p>See <a href=\"https://example.com/a\">this</a></p>",
            track = true,
        });

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.False(queued.GetProperty("tracked").GetBoolean());
        Assert.Contains("not agreed", queued.GetProperty("trackingNote").GetString(), StringComparison.Ordinal);
        var received = await app.Smtp.WaitForAsync(e => e.Message.To.Mailboxes.Any(m => m.Address == address));
        Assert.Contains("href=\"https://example.com/a\"", received.Message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/e/o/", received.Message.HtmlBody, StringComparison.Ordinal);
    }

    [GeneratedRegex("<img src=\"([^\"]+/e/o/[^\"]+)\"")]
    private static partial Regex PixelPattern();

    [GeneratedRegex("href=\"([^\"]+/e/c/[^\"]+)\"")]
    private static partial Regex LinkPattern();
}
