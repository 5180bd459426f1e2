using CrmCdp.Web.Modules.Crm.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Activities;

/// <summary>Logs a note, call, email or meeting on a contact or company.</summary>
public partial class ActivityDialog
{
    private readonly FieldErrors _errors = new();
    private string? _subject;
    private string? _body;
    private string? _callOutcome = "connected";
    private int? _durationMinutes;
    private int _meetingMinutes = 30;
    private string? _attendees;
    private DateTime? _date = DateTime.Today;
    private TimeSpan? _time = DateTime.Now.TimeOfDay;
    private bool _saving;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter]
    public string ActivityKind { get; set; } = "note";

    [Parameter]
    public Guid? ContactId { get; set; }

    [Parameter]
    public Guid? CompanyId { get; set; }

    [Parameter]
    public Guid? DealId { get; set; }

    [Inject]
    private ActivityService Activities { get; set; } = default!;

    private ActivityType Type => CrmEnumNames.Parse<ActivityType>(ActivityKind) ?? ActivityType.Note;

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            var start = new DateTimeOffset((_date ?? DateTime.Today).Date + (_time ?? TimeSpan.Zero));
            var result = await Activities.CreateAsync(await AccessAsync(), new ActivityInput
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
            });
            _errors.Set(result.Errors ?? (result.Message is null ? null : new Dictionary<string, string[]> { ["general"] = [result.Message] }),
                key => char.ToUpperInvariant(key[0]) + key[1..]);
            if (result.Outcome == OperationOutcome.Ok)
            {
                Dialog.Close(DialogResult.Ok(result.Value));
            }
        }
        finally
        {
            _saving = false;
        }
    }
}
