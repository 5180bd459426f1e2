using CrmCdp.Web.Modules.Crm.Activities;
using CrmCdp.Web.Modules.Crm.Tasks;

namespace CrmCdp.Web.Modules.Crm.MyDay;

internal sealed class MyDayService(IDbContextFactory<AppDbContext> dbFactory, TaskService tasks, TimeProvider timeProvider)
{
    /// <summary>The caller's open tasks due before the end of today (local server day), overdue first.</summary>
    public async Task<IReadOnlyList<TaskDto>> DueTasksAsync(AccessContext access, CancellationToken cancellationToken = default) =>
        access.UserId is { } me
            ? await tasks.OpenAsync(access, new TaskFilter(OwnerId: me, DueBefore: EndOfToday()), 100, cancellationToken)
            : [];

    /// <summary>The caller's open deals expected to close this month, soonest first.</summary>
    public async Task<IReadOnlyList<Pipeline.DealDto>> DealsClosingThisMonthAsync(AccessContext access, Pipeline.DealsOfRecord deals, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().InUserZone().DateTime);
        return access.UserId is { } me && access.Has(Permissions.Crm.DealsRead)
            ? await deals.ClosingAsync(access, me, new DateOnly(today.Year, today.Month, 1), new DateOnly(today.Year, today.Month, 1).AddMonths(1), cancellationToken)
            : [];
    }

    public async Task<int> DueCountAsync(AccessContext access, CancellationToken cancellationToken = default) =>
        await tasks.CountOpenDueAsync(access, EndOfToday(), cancellationToken);

    public async Task<IReadOnlyList<ActivityDto>> UpcomingMeetingsAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        if (access.UserId is not { } me)
        {
            return [];
        }

        var now = timeProvider.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Activity>()
            .Where(a => a.OwnerId == me && a.Type == ActivityType.Meeting && a.OccurredAt >= now && a.OccurredAt < now.AddDays(7))
            .OrderBy(a => a.OccurredAt).Take(20)
            .Select(a => new ActivityDto(a.Id, "meeting", a.ContactId, a.CompanyId, a.Subject, a.Body, a.OccurredAt, null, a.DurationMinutes,
                a.EndsAt, a.Attendees, a.OwnerId, null, a.CreatedAt, a.Version))
            .ToListAsync(cancellationToken);
    }

    private DateTimeOffset EndOfToday()
    {
        var local = timeProvider.GetLocalNow();
        return new DateTimeOffset(local.Date.AddDays(1), local.Offset);
    }
}
