using CrmCdp.Web.Platform.Jobs;
using CrmCdp.Web.Platform.Notifications;
using Hangfire;

namespace CrmCdp.Web.Modules.Crm.Tasks;

/// <summary>Every minute: turns due task reminders into in-app notifications for the task's owner, once each.</summary>
internal sealed class TaskReminderJob(IDbContextFactory<AppDbContext> dbFactory, NotificationService notifications, TimeProvider timeProvider)
    : IRecurringJobDefinition
{
    public const string Id = "crm:task-reminders";

    public void Register(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<TaskReminderJob>(Id, job => job.RunAsync(CancellationToken.None), Cron.Minutely());

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.Set<CrmTask>()
            .Where(t => t.ReminderAt != null && t.ReminderAt <= now && t.ReminderSentAt == null && t.Status == CrmTaskStatus.Open && t.OwnerId != null)
            .OrderBy(t => t.ReminderAt).Take(500).ToListAsync(cancellationToken);
        foreach (var task in due)
        {
            var link = task.ContactId is { } contact ? $"/crm/contacts/{contact}" : task.CompanyId is { } company ? $"/crm/companies/{company}" : "/crm/my-day";
            await notifications.AddAsync(db, task.OwnerId!.Value, NotificationKinds.TaskReminder, $"Reminder: {task.Title}", $"Due {task.DueAt:g} UTC", link, cancellationToken);
            task.ReminderSentAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return due.Count;
    }
}
