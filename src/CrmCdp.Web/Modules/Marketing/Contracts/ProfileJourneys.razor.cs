using CrmCdp.Web.Modules.Marketing.Journeys;
using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Marketing.Contracts;

/// <summary>The journeys panel marketing publishes for the CDP's profile page (shown to those who may read profiles).</summary>
public sealed partial class ProfileJourneys
{
    private IReadOnlyList<ProfileJourney>? _journeys;

    [Parameter]
    [EditorRequired]
    public Guid ProfileId { get; set; }

    [Inject]
    private JourneyQueries Queries { get; set; } = default!;

    protected override async Task OnParametersSetAsync() =>
        _journeys = (await Queries.ForProfileAsync(await AccessAsync(), ProfileId)).Value ?? [];
}
