using CrmCdp.Web.Modules.Crm.Activities;
using CrmCdp.Web.Modules.Crm.Timeline;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Common;

/// <summary>Labels, colours and icons shared by the CRM pages.</summary>
internal static class CrmUi
{
    public static string StageLabel(string wire) =>
        CrmEnumNames.Parse<LifecycleStage>(wire) is { } stage ? CrmEnumNames.Label(stage) : wire;

    public static MudBlazor.Color StageColor(string wire) => CrmEnumNames.Parse<LifecycleStage>(wire) switch
    {
        LifecycleStage.Customer => MudBlazor.Color.Success,
        LifecycleStage.Opportunity => MudBlazor.Color.Primary,
        LifecycleStage.Sql or LifecycleStage.Mql => MudBlazor.Color.Info,
        LifecycleStage.Churned => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Default,
    };

    public static string Icon(TimelineKind kind) => kind switch
    {
        TimelineKind.Call => Icons.Material.Filled.Phone,
        TimelineKind.Email => Icons.Material.Filled.Email,
        TimelineKind.Meeting => Icons.Material.Filled.Event,
        TimelineKind.Task => Icons.Material.Filled.TaskAlt,
        TimelineKind.Change => Icons.Material.Filled.History,
        _ => Icons.Material.Filled.StickyNote2,
    };

    public static MudBlazor.Color KindColor(TimelineKind kind) => kind switch
    {
        TimelineKind.Call => MudBlazor.Color.Success,
        TimelineKind.Email => MudBlazor.Color.Info,
        TimelineKind.Meeting => MudBlazor.Color.Secondary,
        TimelineKind.Task => MudBlazor.Color.Warning,
        TimelineKind.Change => MudBlazor.Color.Default,
        _ => MudBlazor.Color.Primary,
    };

    public static string Label(ActivityType type) => type switch
    {
        ActivityType.Call => "Log call",
        ActivityType.Email => "Log email",
        ActivityType.Meeting => "Log meeting",
        _ => "Add note",
    };

    public static string Humanize(string camel) =>
        string.Concat(camel.Select((c, i) => i == 0 ? char.ToUpperInvariant(c).ToString() : char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>"a, b ,c" → ["a", "b", "c"].</summary>
    public static List<string> SplitList(string? text) =>
        [.. (text ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
