using System.Net;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Crm.Tasks;
using CrmCdp.Web.Platform.Auth;
using CrmCdp.Web.Platform.Notifications;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCdp.IntegrationTests.Crm;

[Collection(SharedAppGroup.Name)]
public sealed class TaskReminderTests(SharedApp app)
{
    [Fact]
    public async Task A_due_reminder_notifies_the_task_owner_once()
    {
        var rep = await app.CreateUserWithApiAsync(BuiltInRoles.SalesRep);
        var contact = await CrmApi.CreateContactAsync(rep.Api, new { firstName = "Remind" });
        var (created, _) = await CrmApi.SendAsync(rep.Api, HttpMethod.Post, "/api/v1/tasks", new
        {
            title = "Call about renewal",
            dueAt = DateTimeOffset.UtcNow.AddMinutes(30),
            reminderAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            contactId = contact.Id(),
        });
        var notifications = app.Factory.Services.GetRequiredService<NotificationService>();
        var jobs = app.Factory.Services.GetRequiredService<IRecurringJobManagerV2>();

        jobs.TriggerJob(TaskReminderJob.Id);
        var received = await WaitForAsync(() => notifications.LatestAsync(rep.Id), items => items.Count > 0);
        var secondRun = jobs.TriggerJob(TaskReminderJob.Id);
        var monitoring = app.Factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var secondState = await WaitForAsync(
            () => Task.FromResult(monitoring.JobDetails(secondRun)?.History.FirstOrDefault()?.StateName),
            state => state is "Succeeded" or "Failed" or "Deleted");
        var afterSecondRun = await notifications.LatestAsync(rep.Id, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var notification = Assert.Single(received);
        Assert.Equal("Reminder: Call about renewal", notification.Title);
        Assert.Equal($"/crm/contacts/{contact.Id()}", notification.Link);
        Assert.Equal("Succeeded", secondState);
        Assert.Single(afterSecondRun);
    }

    private static Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done) =>
        Eventually.UntilAsync(read, done, "the reminder job", cancellationToken: TestContext.Current.CancellationToken);
}
