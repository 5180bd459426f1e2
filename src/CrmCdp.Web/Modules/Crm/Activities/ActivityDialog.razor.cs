using CrmCdp.Web.Modules.Crm.Common;
using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Crm.Activities;

/// <summary>Logs a note, call, email or meeting on a contact or company.</summary>
public partial class ActivityDialog
{
    private string? _subject;
    private string? _body;
    private string? _callOutcome = "connected";
    private int? _durationMinutes;
    private int _meetingMinutes = 30;
    private string? _attendees;
    private bool _sendInvitation;
    private DateTime? _date = DateTime.Today;
    private TimeSpan? _time = DateTime.Now.TimeOfDay;

    [Parameter]
    public string ActivityKind { get; set; } = "note";

    [Inject]
    private ActivityService Activities { get; set; } = default!;

    private ActivityType Type => CrmEnumNames.Parse<ActivityType>(ActivityKind) ?? ActivityType.Note;

    private Task SaveAsync() => SubmitAsync<ActivityDto>(async access =>
    {
        var start = new DateTimeOffset((_date ?? DateTime.Today).Date + (_time ?? TimeSpan.Zero));
        return await Activities.CreateAsync(access, new ActivityInput
        {
            Type = ActivityKind,
            ContactId = ContactId,
            CompanyId = CompanyId,
            DealId = DealId,
            Subject = _subject,
            Body = _body,
            OccurredAt = start,
            CallOutcome = Type == ActivityType.Call ? _callOutcome : null,
            DurationMinutes = _durationMinutes,
            EndsAt = Type == ActivityType.Meeting ? start.AddMinutes(_meetingMinutes) : null,
            Attendees = CrmUi.SplitList(_attendees),
            SendInvitation = ActivityKind == "meeting" && _sendInvitation,
        });
    });
}
