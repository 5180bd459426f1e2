using CrmCdp.Web.Modules.Crm.Activities;
using CrmCdp.Web.Modules.Crm.Tasks;
using CrmCdp.Web.Modules.Crm.Timeline;
using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Crm.MyDay;

/// <summary>The sales rep's home: what is due, what is coming, what was open lately.</summary>
public partial class MyDayPage
{
    private IReadOnlyList<TaskDto> _due = [];
    private int _overdue;
    private IReadOnlyList<ActivityDto> _meetings = [];
    private IReadOnlyList<RecentRecord> _recent = [];

    [Inject]
    private MyDayService MyDay { get; set; } = default!;

    [Inject]
    private RecentViewService RecentViews { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        var access = await AccessAsync();
        _due = await MyDay.DueTasksAsync(access);
        _overdue = _due.Count(t => t.IsOverdue);
        _meetings = await MyDay.UpcomingMeetingsAsync(access);
        _recent = await RecentViews.LatestAsync(access, 10);
    }
}
