using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Crm.Calendar;
using CrmCdp.Web.Platform.Auth;
using CrmCdp.Web.Platform.Results;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCdp.IntegrationTests.Crm;

[Collection(SharedAppGroup.Name)]
public sealed class CalendarFeedTests(SharedApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reps_private_feed_lists_their_meetings_and_open_tasks_and_stops_when_revoked()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var other = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var contact = await CrmApi.CreateContactAsync(rep.Api, new { firstName = "Mia", lastName = "Meeting" });
        var starts = DateTimeOffset.UtcNow.AddDays(2);
        await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/activities",
            new { type = "meeting", contactId = contact.Id(), subject = "Demo with Mia", body = "Bring the pricing deck", occurredAt = starts, endsAt = starts.AddHours(1) });
        await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/tasks", new { title = "Send Mia the contract", type = "todo", dueAt = starts.AddDays(1), contactId = contact.Id() });
        var othersContact = await CrmApi.CreateContactAsync(other.Api, new { firstName = "Not", lastName = "Mine" });
        await CrmApi.SendAsync(other.Api, HttpMethod.Post, "/api/v1/activities",
            new { type = "meeting", contactId = othersContact.Id(), subject = "Someone else's meeting", occurredAt = starts });

        var feeds = app.Factory.Services.GetRequiredService<CalendarFeeds>();
        var access = AccessContext.System("test", Permissions.Crm.ContactsRead);
        // Only a signed-in person has a feed: a system actor (or an API key) is refused.
        Assert.Equal(OperationOutcome.Forbidden, (await feeds.CreateAsync(access, "http://localhost", Ct)).Outcome);
        using var browser = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await FormSignIn.SignInAsync(browser, rep.Email, AppFixture.TestPassword);
        using var made = await browser.PostAsync("/api/v1/me/calendar-feed", null, Ct);
        var feed = await made.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var path = new Uri(feed.GetProperty("url").GetString()!).AbsolutePath;
        using var anonymous = app.Factory.CreateClient();
        using var ics = await anonymous.GetAsync(path, Ct);
        var text = await ics.Content.ReadAsStringAsync(Ct);
        using var guessed = await anonymous.GetAsync($"{CalendarFeeds.PathPrefix}crm_not-a-real-token.ics", Ct);
        using var revoked = await browser.DeleteAsync("/api/v1/me/calendar-feed", Ct);
        using var afterRevoke = await anonymous.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ics.StatusCode);
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType?.MediaType);
        Assert.Contains("BEGIN:VCALENDAR", text, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Demo with Mia", text, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VTODO", text, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Send Mia the contract", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Someone else's meeting", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
        Assert.True(revoked.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterRevoke.StatusCode);
    }
}
