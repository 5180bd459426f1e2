using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Crm.Timeline;

public partial class RecordTimeline
{
    [Parameter, EditorRequired]
    public IReadOnlyList<TimelineItem> Items { get; set; } = [];

    [Parameter]
    public string EmptyText { get; set; } = "Nothing yet.";

    [Parameter]
    public string TestId { get; set; } = "timeline";
}
