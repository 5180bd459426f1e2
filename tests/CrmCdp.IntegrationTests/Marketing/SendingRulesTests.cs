using System.Globalization;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;

namespace CrmCdp.IntegrationTests.Marketing;

/// <summary>The rules over every marketing email: a weekly cap per person across journeys and campaigns, and quiet hours.</summary>
public sealed class SendingRulesTests(CappedMarketingApp app) : IClassFixture<CappedMarketingApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_second_email_in_the_same_week_is_skipped_by_the_cap_and_counted()
    {
        using var admin = app.AdminApi();
        var person = await app.KnownPersonAsync(admin);
        var template = await admin.CreateTemplateAsync("Hello {{ contact.first_name }}", "<p>Hi</p>");
        var journey = await admin.PublishJourneyAsync(new
        {
            name = CrmApi.Unique("Twice "),
            trigger = new { type = "segment_entered", segmentId = person.SegmentId },
            start = "first",
            steps = new object[]
            {
                new { id = "first", type = "send_email", templateId = template.Id(), next = "pause" },
                new { id = "pause", type = "wait", duration = new { amount = 1, unit = "seconds" }, next = "second" },
                new { id = "second", type = "send_email", templateId = template.Id(), next = (string?)null },
            },
        });
        await app.EnterAsync(person);

        var stats = await Eventually.UntilAsync(() => admin.StatsAsync(journey.Id()), s => s.GetProperty("completed").GetInt32() == 1, "the journey finished", TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(1, stats.Step("first").Outcome("sent"));
        Assert.Equal(1, stats.Step("second").Outcome("skipped:frequency_cap"));
        await app.Smtp.WaitForAsync(e => e.Message.To.Mailboxes.Any(m => m.Address == $"{person.User}@example.com"), TimeSpan.FromSeconds(30));
        Assert.Single(app.Smtp.Received, e => e.Message.To.Mailboxes.Any(m => m.Address == $"{person.User}@example.com"));
    }

    [Fact]
    public async Task In_quiet_hours_the_person_waits_at_the_email_step_until_they_end()
    {
        using var admin = app.AdminApi();
        var person = await app.KnownPersonAsync(admin);
        var template = await admin.CreateTemplateAsync("Hello {{ contact.first_name }}", "<p>Hi</p>");
        var now = DateTimeOffset.UtcNow;
        var quietTo = now.AddHours(1);
        var (created, journey) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/journeys", new
        {
            name = CrmApi.Unique("Quiet "),
            trigger = new { type = "segment_entered", segmentId = person.SegmentId },
            start = "offer",
            steps = new object[] { new { id = "offer", type = "send_email", templateId = template.Id() } },
            sending = new { quietFrom = now.AddHours(-1).ToString("HH:mm", CultureInfo.InvariantCulture), quietTo = quietTo.ToString("HH:mm", CultureInfo.InvariantCulture), timeZone = "UTC" },
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var (published, _) = await CrmApi.SendAsync(admin, HttpMethod.Post, $"/api/v1/journeys/{journey.Id()}/publish");
        Assert.Equal(System.Net.HttpStatusCode.OK, published.StatusCode);
        await app.EnterAsync(person);

        var waiting = (await Eventually.UntilAsync(() => admin.PeopleAsync(journey.Id()),
            p => p.Count == 1 && p[0].GetProperty("nextRunAt").GetDateTimeOffset() > now.AddMinutes(30), "the person held by quiet hours", TimeSpan.FromSeconds(30), Ct))[0];
        var until = waiting.GetProperty("nextRunAt").GetDateTimeOffset();
        Assert.Equal(new DateTimeOffset(quietTo.Year, quietTo.Month, quietTo.Day, quietTo.Hour, quietTo.Minute, 0, TimeSpan.Zero), until);
        Assert.Equal(("active", "offer"), (waiting.GetProperty("status").GetString(), waiting.GetProperty("step").GetString()));
        Assert.DoesNotContain(app.Smtp.Received, e => e.Message.To.Mailboxes.Any(m => m.Address == $"{person.User}@example.com"));
        var (_, refused) = await CrmApi.SendAsync(admin, HttpMethod.Put, $"/api/v1/journeys/{journey.Id()}", new
        {
            name = "Quiet",
            trigger = new { type = "segment_entered", segmentId = person.SegmentId },
            start = "offer",
            steps = new object[] { new { id = "offer", type = "exit" } },
            sending = new { quietFrom = "25:00", quietTo = "08:00", timeZone = "Mars/Olympus" },
        });
        Assert.True(refused.GetProperty("errors").TryGetProperty("sending.quietFrom", out _), refused.ToString());
        Assert.True(refused.GetProperty("errors").TryGetProperty("sending.timeZone", out _), refused.ToString());
    }
}
