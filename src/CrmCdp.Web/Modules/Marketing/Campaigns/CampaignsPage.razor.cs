using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Marketing.Campaigns;

/// <summary>The campaigns with their status, time, audience and what people did with them.</summary>
public sealed partial class CampaignsPage
{
    private IReadOnlyList<CampaignDto> _campaigns = [];
    private readonly Dictionary<Guid, CampaignStats> _stats = [];

    [Inject]
    private CampaignService Campaigns { get; set; } = default!;

    [Inject]
    private CampaignQueries Queries { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var access = await AccessAsync();
        _campaigns = (await Campaigns.ListAsync(access)).Value ?? [];
        foreach (var campaign in _campaigns.Where(c => c.StartedAt is not null))
        {
            if ((await Queries.StatsAsync(access, campaign.Id)).Value is { } stats)
            {
                _stats[campaign.Id] = stats;
            }
        }
    }

    private string Stat(Guid id, Func<CampaignStats, int> pick) => _stats.TryGetValue(id, out var stats) ? pick(stats).ToString("N0", System.Globalization.CultureInfo.CurrentCulture) : "—";
}

/// <summary>How campaign statuses look.</summary>
internal static class CampaignLabels
{
    public static MudBlazor.Color StatusColor(string status) => status switch
    {
        CampaignStatuses.Sent => MudBlazor.Color.Success,
        CampaignStatuses.Sending or CampaignStatuses.Scheduled => MudBlazor.Color.Info,
        _ => MudBlazor.Color.Default,
    };
}
