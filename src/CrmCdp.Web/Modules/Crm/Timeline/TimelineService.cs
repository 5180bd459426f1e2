using CrmCdp.Web.Modules.Crm.Activities;
using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Common.Records;
using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Modules.Crm.Tasks;
using CrmCdp.Web.Platform.Privacy;

namespace CrmCdp.Web.Modules.Crm.Timeline;

public enum TimelineKind
{
    Note,
    Call,
    Email,
    Meeting,
    Task,
    Change,
}

public sealed record TimelineItem(TimelineKind Kind, DateTimeOffset At, string Title, string? Detail, string? Who, bool Highlight)
{
    /// <summary>Files the customer attached to an email this item logged.</summary>
    public IReadOnlyList<Emails.EmailAttachmentDto> Attachments { get; init; } = [];
}

/// <summary>
/// One record's history, newest first: activities, tasks and field changes mixed. The caller has
/// already checked that the record is visible.
/// </summary>
internal sealed class TimelineService(IDbContextFactory<AppDbContext> dbFactory, UserDirectory users, TimeProvider timeProvider)
{
    private const int PerKind = 100;

    /// <summary>The caller must already be allowed to read the record; tasks follow the task scope, activities need activity read.</summary>
    public async Task<IReadOnlyList<TimelineItem>> ForRecordAsync(AccessContext access, CrmRecordType type, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Activities and tasks hang on contacts, companies and deals; tickets keep their own conversation.
        var linked = type != CrmRecordType.Ticket;
        List<Guid> dealContacts = type == CrmRecordType.Deal
            ? await db.Set<Pipeline.Deal>().Where(d => d.Id == id).Select(d => d.ContactIds).SingleOrDefaultAsync(cancellationToken) ?? []
            : [];
        List<Activity> activities = !linked || !access.Has(Permissions.Crm.ActivitiesRead) ? [] : await db.Set<Activity>().NotPrivateToOthers(access)
            .Of(db, type, id, dealContacts).OrderByDescending(a => a.OccurredAt).Take(PerKind).AsNoTracking().ToListAsync(cancellationToken);
        List<CrmTask> tasks = !linked ? [] : await db.Set<CrmTask>().Within(access, Permissions.Crm.TasksRead)
            .Of(db, type, id, dealContacts).OrderByDescending(t => t.CreatedAt).Take(PerKind).AsNoTracking().ToListAsync(cancellationToken);
        var changes = await db.Set<RecordChange>()
            .Where(c => c.RecordType == type && c.RecordId == id)
            .OrderByDescending(c => c.ChangedAt).Take(PerKind).AsNoTracking().ToListAsync(cancellationToken);
        var names = await users.NamesAsync(
            activities.Select(a => a.OwnerId).Concat(tasks.Select(t => t.OwnerId)).Concat(changes.Select(c => c.UserId)), cancellationToken);
        string? Who(Guid? userId) => userId is { } value ? names.GetValueOrDefault(value) : null;
        var now = timeProvider.GetUtcNow();
        var emailIds = activities.Where(a => a.Type == ActivityType.Email).Select(a => a.Id).ToList();
        var attachments = await Emails.EmailAttachmentService.ForActivitiesAsync(db, emailIds, cancellationToken);
        var engagement = await db.Set<Platform.Email.OutboundEmail>().Where(e => e.Tracked && e.ActivityId != null && emailIds.Contains(e.ActivityId.Value))
            .Select(e => new { ActivityId = e.ActivityId!.Value, e.OpenCount, e.ClickCount }).ToDictionaryAsync(e => e.ActivityId, e => Engagement(e.OpenCount, e.ClickCount), cancellationToken);

        return
        [
            .. activities.Select(a => new TimelineItem(KindOf(a.Type), a.OccurredAt, ActivityTitle(a) + engagement.GetValueOrDefault(a.Id), a.Body, Who(a.OwnerId), false)
            {
                Attachments = attachments.GetValueOrDefault(a.Id) ?? [],
            }),
            .. tasks.Select(t => new TimelineItem(TimelineKind.Task, t.CompletedAt ?? t.CreatedAt,
                t.Status == CrmTaskStatus.Done ? $"Task done: {t.Title}" : $"Task: {t.Title} (due {t.DueAt:d})",
                t.Notes, Who(t.OwnerId), t.IsOverdueAt(now))),
            .. changes.Select(c => new TimelineItem(TimelineKind.Change, c.ChangedAt, ChangeTitle(Visible(c, access)), null, Who(c.UserId), false)),
        ];
    }

    private static string Engagement(int opens, int clicks) =>
        $" · {(opens == 0 ? "not opened yet" : $"opened {opens}×")}{(clicks == 0 ? "" : $" · clicked {clicks}×")}";

    private static TimelineKind KindOf(ActivityType type) => type switch
    {
        ActivityType.Call => TimelineKind.Call,
        ActivityType.Email => TimelineKind.Email,
        ActivityType.Meeting => TimelineKind.Meeting,
        _ => TimelineKind.Note,
    };

    private static string ActivityTitle(Activity a) => a.Type switch
    {
        ActivityType.Call => $"Call{(a.CallOutcome is { } outcome ? $" · {Humanize(outcome.ToString())}" : "")}{(a.DurationMinutes is { } minutes ? $" · {minutes} min" : "")}",
        ActivityType.Email => $"Email: {a.Subject}",
        ActivityType.Meeting => $"Meeting: {a.Subject}",
        _ => "Note",
    };

    /// <summary>Changes of personal fields show masked values to viewers without "view PII".</summary>
    private static RecordChange Visible(RecordChange change, AccessContext access) =>
        change.RecordType != CrmRecordType.Contact || access.SeesPii() || !ContactPii.TimelineFields.Contains(change.Field)
            ? change
            : new RecordChange { Field = change.Field, OldValue = PiiMask.Text(change.OldValue), NewValue = PiiMask.Text(change.NewValue) };

    private static string ChangeTitle(RecordChange change) => change.Field switch
    {
        "created" => "Record created",
        "deleted" => "Record deleted",
        "restored" => "Record restored",
        "merged" => $"Merged with {change.NewValue}",
        _ when string.IsNullOrEmpty(change.OldValue) => $"{change.Field} set to {change.NewValue}",
        _ when string.IsNullOrEmpty(change.NewValue) => $"{change.Field} cleared (was {change.OldValue})",
        _ => $"{change.Field} changed from {change.OldValue} to {change.NewValue}",
    };

    private static string Humanize(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
}
