using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmCdp.IntegrationTests.Cdp;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;

namespace CrmCdp.IntegrationTests.Marketing;

/// <summary>Marketing email around the journeys: engagement back into the CDP, previews for a profile and test sends.</summary>
public sealed partial class MarketingEmailTests(JourneyApp app) : IClassFixture<JourneyApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Opening_a_journey_email_and_clicking_its_link_become_events_on_the_profile_and_a_forged_link_is_refused()
    {
        using var admin = app.AdminApi();
        var person = await app.KnownPersonAsync(admin);
        var (user, profile, segment) = (person.User, person.ProfileId, person.SegmentId);
        var template = await admin.CreateTemplateAsync("Trail shoes, {{ contact.first_name }}", "<p>Hi {{ contact.first_name }}, <a href=\"https://shop.example/trail\">see them</a>.</p>");
        var journey = await admin.PublishJourneyAsync(new
        {
            name = CrmApi.Unique("One email "),
            trigger = new { type = "segment_entered", segmentId = segment },
            start = "offer",
            steps = new object[] { new { id = "offer", type = "send_email", templateId = template.Id() } },
        });
        await app.EnterAsync(person);

        var email = await app.Smtp.WaitForAsync(e => e.Message.To.Mailboxes.Any(m => m.Address == $"{user}@example.com"), TimeSpan.FromSeconds(30));
        var pixel = new Uri(PixelPattern().Match(email.Message.HtmlBody!).Groups[1].Value);
        var link = new Uri(LinkPattern().Match(email.Message.HtmlBody!).Groups[1].Value);
        using var reader = Reader();
        using var opened = await reader.GetAsync(pixel.AbsolutePath, Ct);
        using var clicked = await reader.GetAsync(link.AbsolutePath, Ct);
        using var forged = await reader.GetAsync(link.AbsolutePath[..^2] + (link.AbsolutePath[^2] == 'A' ? "B" : "A") + link.AbsolutePath[^1], Ct);

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, clicked.StatusCode);
        Assert.Equal("https://shop.example/trail", clicked.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var events = await Eventually.UntilAsync(() => EventsAsync(admin, profile), e => e.Any(x => x.GetProperty("event").GetString() == "Email Link Clicked"),
            "the click on the profile", TimeSpan.FromSeconds(30), Ct);
        var open = events.Single(e => e.GetProperty("event").GetString() == "Email Opened");
        var click = events.Single(e => e.GetProperty("event").GetString() == "Email Link Clicked");
        Assert.Equal(journey.Id(), open.GetProperty("properties").GetProperty("journeyId").GetString());
        Assert.Equal("offer", open.GetProperty("properties").GetProperty("stepId").GetString());
        Assert.Equal("https://shop.example/trail", click.GetProperty("properties").GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_template_previews_for_a_profile_names_what_would_be_empty_and_sends_a_test_to_the_marketer()
    {
        using var admin = app.AdminApi();
        var person = await app.KnownPersonAsync(admin);
        var (user, profile) = (person.User, person.ProfileId);
        var template = await admin.CreateTemplateAsync("{{ contact.first_name }}, your {{ profile.plan | default: 'trial' }} ends soon", "<p>Hi {{ contact.first_name }}</p>");
        var broken = await admin.CreateTemplateAsync("Hello {{ profile.favourite_colour }}", "<p>Hi</p>");

        var (previewed, preview) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/email/templates/{template.Id()}/preview?profileId={profile}");
        var (noProfile, noProfileProblem) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/email/templates/{template.Id()}/preview");
        var (empty, emptyProblem) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/email/templates/{broken.Id()}/preview?profileId={profile}");
        var (tested, test) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/email/templates/{template.Id()}/test", new { to = $"marketer-{user}@example.com" });
        var (badTo, badToProblem) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/email/templates/{template.Id()}/test", new { to = "nobody" });

        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
        Assert.Equal("Cleo, your trial ends soon", preview.GetProperty("subject").GetString());
        Assert.Contains("/u/", preview.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noProfile.StatusCode);
        Assert.True(noProfileProblem.GetProperty("errors").TryGetProperty("profileId", out _), noProfileProblem.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("profile.favourite_colour", emptyProblem.GetProperty("errors").GetProperty("subject")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, tested.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badTo.StatusCode);
        Assert.True(badToProblem.GetProperty("errors").TryGetProperty("to", out _), badToProblem.ToString());
        var sent = await app.Smtp.WaitForAsync(e => e.Message.To.Mailboxes.Any(m => m.Address == $"marketer-{user}@example.com"), TimeSpan.FromSeconds(30));
        Assert.Equal("[Test] Alex, your trial ends soon", sent.Message.Subject);
        Assert.Equal(test.GetProperty("subject").GetString(), sent.Message.Subject);
    }

    [Fact]
    public async Task A_campaign_goes_to_its_segment_with_consent_applied_and_counts_opens_clicks_unsubscribes_and_the_deals_that_followed()
    {
        using var admin = app.AdminApi();
        var ann = await app.KnownPersonAsync(admin);
        var ben = await app.KnownPersonAsync(admin, ann.WriteKey, ann.Run, ann.SegmentId);
        var cid = await app.KnownPersonAsync(admin, ann.WriteKey, ann.Run, ann.SegmentId, consent: false);
        foreach (var person in new[] { ann, ben, cid })
        {
            await app.EnterAsync(person);
        }

        await Eventually.UntilAsync(() => admin.MemberIdsAsync(ann.SegmentId), m => m.Count == 3, "all three in the segment", cancellationToken: Ct);
        var template = await admin.CreateTemplateAsync("Spring sale, {{ contact.first_name }}", "<p><a href=\"https://shop.example/sale\">Shop the sale</a></p>");
        var (missing, missingProblem) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/campaigns", new { name = "Spring", segmentId = ann.SegmentId });
        var (past, pastProblem) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/campaigns",
            new { name = "Spring", segmentId = ann.SegmentId, templateId = template.Id(), scheduledAt = DateTimeOffset.UtcNow.AddHours(-1) });
        var (created, campaign) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/campaigns", new { name = CrmApi.Unique("Spring "), segmentId = ann.SegmentId, templateId = template.Id() });
        var rep = await app.CreateUserWithApiAsync(Web.Platform.Auth.BuiltInRoles.SalesRep);
        var (refused, _) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, $"/api/v1/campaigns/{campaign.Id()}/send");
        var (sending, _) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/campaigns/{campaign.Id()}/send");
        var (again, _) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/campaigns/{campaign.Id()}/send");

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True(missingProblem.GetProperty("errors").TryGetProperty("templateId", out _), missingProblem.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.True(pastProblem.GetProperty("errors").TryGetProperty("scheduledAt", out _), pastProblem.ToString());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, sending.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var sent = await Eventually.UntilAsync(() => CampaignStatsAsync(admin, campaign.Id()), st => st.GetProperty("status").GetString() == "sent", "the campaign sent", TimeSpan.FromSeconds(60), Ct);
        Assert.Equal((3, 2, 1), (sent.GetProperty("audience").GetInt32(), sent.GetProperty("sent").GetInt32(), sent.GetProperty("skipped").GetProperty("no_consent").GetInt32()));

        var annEmail = await app.Smtp.WaitForAsync(e => e.Message.To.Mailboxes.Any(m => m.Address == $"{ann.User}@example.com"), TimeSpan.FromSeconds(30));
        var benEmail = await app.Smtp.WaitForAsync(e => e.Message.To.Mailboxes.Any(m => m.Address == $"{ben.User}@example.com"), TimeSpan.FromSeconds(30));
        Assert.Equal("Spring sale, Cleo", annEmail.Message.Subject);
        using var reader = Reader();
        using var opened = await reader.GetAsync(new Uri(PixelPattern().Match(annEmail.Message.HtmlBody!).Groups[1].Value).AbsolutePath, Ct);
        using var clicked = await reader.GetAsync(new Uri(LinkPattern().Match(annEmail.Message.HtmlBody!).Groups[1].Value).AbsolutePath, Ct);
        using var unsubscribed = await reader.PostAsync(new Uri(benEmail.Message.Headers["List-Unsubscribe"]!.Trim('<', '>')).AbsolutePath,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }), Ct);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Redirect, HttpStatusCode.OK), (opened.StatusCode, clicked.StatusCode, unsubscribed.StatusCode));

        var pipelines = await admin.GetFromJsonAsync<JsonElement>("/api/v1/pipelines", Ct);
        var pipeline = pipelines.EnumerateArray().First(p => p.GetProperty("name").GetString() == "Sales");
        var (_, deal) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/deals",
            new { name = CrmApi.Unique("Sale "), amount = 250m, pipelineId = pipeline.Id(), stageId = pipeline.GetProperty("stages")[0].Id(), contactIds = new[] { ann.ContactId } });
        var (won, _) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/deals/{deal.Id()}/move", new { outcome = "won", amount = 250m });
        Assert.True(won.IsSuccessStatusCode);

        var stats = await CampaignStatsAsync(admin, campaign.Id());
        Assert.Equal((1, 1, 1), (stats.GetProperty("opened").GetInt32(), stats.GetProperty("clicked").GetInt32(), stats.GetProperty("unsubscribed").GetInt32()));
        Assert.Equal((1, 1, 250m), (stats.GetProperty("contactsWithDealCreated").GetInt32(), stats.GetProperty("contactsWithDealWon").GetInt32(), stats.GetProperty("amountWon").GetDecimal()));
        Assert.DoesNotContain(app.Smtp.Received, e => e.Message.To.Mailboxes.Any(m => m.Address == $"{cid.User}@example.com"));
    }

    /// <summary>The recipient's mail client, on the app's Kestrel port, that does not follow redirects.</summary>
    private HttpClient Reader() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };

    private static async Task<JsonElement> CampaignStatsAsync(HttpClient admin, string campaignId)
    {
        var (response, stats) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/campaigns/{campaignId}/stats");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return stats;
    }

    private static async Task<List<JsonElement>> EventsAsync(HttpClient admin, string profileId)
    {
        var (_, events) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/profiles/{profileId}/events");
        return [.. events.GetProperty("items").EnumerateArray()];
    }

    [GeneratedRegex("<img src=\"([^\"]+/e/o/[^\"]+)\"")]
    private static partial Regex PixelPattern();

    [GeneratedRegex("href=\"([^\"]+/e/c/[^\"]+)\"")]
    private static partial Regex LinkPattern();
}
