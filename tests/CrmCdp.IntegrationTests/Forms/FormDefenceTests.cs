using System.Net;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Crm.Forms;
using CrmCdp.Web.Platform.Data;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCdp.IntegrationTests.Forms;

/// <summary>Served by Kestrel, so each request has a real client address to count submissions by.</summary>
public sealed class FormLimitsApp : AppFixture, IAsyncLifetime
{
    public ValueTask InitializeAsync() => new(StartAsync("forms", useKestrel: true, new Dictionary<string, string?> { ["Forms:MaxPerAddressPerHour"] = "2" }));
}

public sealed class FormDefenceTests(FormLimitsApp app) : IClassFixture<FormLimitsApp>
{
    [Fact]
    public async Task Past_the_hourly_limit_for_an_address_submissions_are_held_as_spam_not_dropped()
    {
        using var admin = app.AdminApi();
        var form = await FormApi.CreateFormAsync(admin);
        using var browser = app.Factory.CreateClient();
        var emails = Enumerable.Range(0, 3).Select(i => $"{CrmApi.Unique($"burst{i}-")}@example.com").ToList();
        foreach (var email in emails)
        {
            var (status, _) = await FormApi.SubmitJsonAsync(browser, form.Key(), new { email });
            Assert.Equal(HttpStatusCode.OK, status);
        }

        var submissions = (await FormApi.SubmissionsAsync(admin, form.Id())).EnumerateArray().ToDictionary(s => s.GetProperty("email").GetString()!);
        Assert.Equal("processed", submissions[emails[0]].GetProperty("status").GetString());
        Assert.Equal("processed", submissions[emails[1]].GetProperty("status").GetString());
        Assert.Equal("spam", submissions[emails[2]].GetProperty("status").GetString());
        Assert.Contains("within an hour", submissions[emails[2]].GetProperty("spamReason").GetString());
        Assert.Empty(await FormApi.ContactsWithEmailAsync(admin, emails[2]));
    }

    [Fact]
    public async Task The_sweep_finishes_a_submission_a_crash_left_half_done()
    {
        using var admin = app.AdminApi();
        var form = await FormApi.CreateFormAsync(admin);
        var email = $"{CrmApi.Unique("crashed")}@example.com";
        var id = Guid.CreateVersion7();
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Add(new FormSubmission
            {
                Id = id,
                FormId = Guid.Parse(form.Id()),
                Status = SubmissionStatus.Received,
                Email = email,
                ReceivedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
                Values = new Dictionary<string, string> { ["email"] = email, ["first_name"] = "Crash" },
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        // The minute sweep may get there first; either way the submission is finished once.
        await app.Factory.Services.GetRequiredService<FormSweepJob>().RunAsync(TestContext.Current.CancellationToken);

        var submission = await FormApi.SubmissionAsync(admin, form.Id(), id.ToString());
        Assert.Equal("processed", submission.GetProperty("status").GetString());
        var contact = Assert.Single(await FormApi.ContactsWithEmailAsync(admin, email));
        Assert.Equal("Crash", contact.GetProperty("firstName").GetString());
    }
}
