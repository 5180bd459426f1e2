using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

public sealed partial class JourneysPage
{
    private IReadOnlyList<JourneyDto> _journeys = [];
    private readonly Dictionary<Guid, JourneyStats> _stats = [];

    [Inject]
    private JourneyService Journeys { get; set; } = default!;

    [Inject]
    private JourneyQueries Queries { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var access = await AccessAsync();
        _journeys = (await Journeys.ListAsync(access)).Value ?? [];
        foreach (var journey in _journeys)
        {
            if ((await Queries.StatsAsync(access, journey.Id)).Value is { } stats)
            {
                _stats[journey.Id] = stats;
            }
        }
    }

    private string Stat(Guid id, Func<JourneyStats, int> pick) => _stats.TryGetValue(id, out var stats) ? pick(stats).ToString("N0", System.Globalization.CultureInfo.CurrentCulture) : "—";

    private static Color StatusColor(string status) => status switch
    {
        JourneyStatuses.Live => Color.Success,
        JourneyStatuses.Paused => Color.Warning,
        _ => Color.Default,
    };
}
