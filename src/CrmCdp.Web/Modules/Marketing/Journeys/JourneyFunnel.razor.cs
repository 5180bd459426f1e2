using CrmCdp.Web.Modules.Marketing.Email;
using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

/// <summary>A journey's steps as a funnel: how many reached each, are waiting there, went on, left by the goal or failed.</summary>
public sealed partial class JourneyFunnel
{
    [Parameter]
    [EditorRequired]
    public JourneyStats Stats { get; set; } = default!;

    private double Percent(int count) => Stats.Enrolled == 0 ? 0 : 100.0 * count / Stats.Enrolled;

    private static string Skips(JourneyStepStats step) =>
        string.Concat(step.Outcomes.Select(o => (Reason: SkipReasons.ReasonOf(o.Key), Count: o.Value)).Where(o => o.Reason is not null)
            .Select(o => $", {o.Count} skipped ({o.Reason!.Replace('_', ' ')})"));
}
