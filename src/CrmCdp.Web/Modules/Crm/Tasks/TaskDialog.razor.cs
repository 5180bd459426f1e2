using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Crm.Tasks;

/// <summary>Adds a task, optionally following up a completed one ("done and schedule next").</summary>
public partial class TaskDialog
{
    private static readonly (string Label, int Days)[] QuickDates = [("Today", 0), ("Tomorrow", 1), ("In 3 days", 3), ("Next week", 7)];

    private string? _title;
    private string _type = "call";
    private string _priority = "normal";
    private DateTime? _dueDate = DateTime.Today.AddDays(1);
    private TimeSpan? _dueTime = new(9, 0, 0);
    private int? _reminderMinutes;
    private string? _notes;

    /// <summary>The task this one follows up: its type and title are offered again.</summary>
    [Parameter]
    public TaskDto? FollowUpOf { get; set; }

    [Inject]
    private TaskService Tasks { get; set; } = default!;

    protected override void OnInitialized()
    {
        if (FollowUpOf is { } previous)
        {
            _title = $"Follow up: {previous.Title}";
            _type = previous.Type;
            _priority = previous.Priority;
            ContactId ??= previous.ContactId;
            CompanyId ??= previous.CompanyId;
        }
    }

    private Task SaveAsync() => SubmitAsync<TaskDto>(async access =>
    {
        DateTimeOffset? dueAt = _dueDate is { } date ? new DateTimeOffset(date.Date + (_dueTime ?? TimeSpan.Zero)) : null;
        return await Tasks.CreateAsync(access, new TaskInput
        {
            Title = _title,
            Type = _type,
            Priority = _priority,
            DueAt = dueAt,
            ReminderAt = dueAt is { } due && _reminderMinutes is { } minutes ? due.AddMinutes(-minutes) : null,
            ContactId = ContactId,
            CompanyId = CompanyId,
            DealId = DealId,
            Notes = _notes,
        });
    });
}
