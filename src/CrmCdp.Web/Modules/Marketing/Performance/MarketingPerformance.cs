using CrmCdp.Web.Modules.Marketing.Campaigns;
using CrmCdp.Web.Modules.Marketing.Journeys;

namespace CrmCdp.Web.Modules.Marketing.Performance;

public sealed record CampaignPerformance(Guid Id, string Name, DateTimeOffset? SentAt, int Sent, int Opened, int Clicked, int DealsWon, decimal AmountWon);

public sealed record JourneyPerformance(Guid Id, string Name, string Status, int Enrolled, int Active, int Completed, int Goal);

/// <summary>The latest campaigns and the live journeys with their numbers: the marketer's home and the insights' campaign view.</summary>
public sealed record MarketingPerformanceDto(IReadOnlyList<CampaignPerformance> Campaigns, IReadOnlyList<JourneyPerformance> Journeys);

/// <summary>Campaign and journey performance from their own statistics, for those who may see them.</summary>
internal sealed class MarketingPerformance(CampaignService campaigns, CampaignQueries campaignStats, JourneyService journeys, JourneyQueries journeyStats)
{
    public const int Shown = 5;

    public async Task<MarketingPerformanceDto> LatestAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        var campaignRows = new List<CampaignPerformance>();
        if ((await campaigns.ListAsync(access, cancellationToken)).Value is { } all)
        {
            foreach (var campaign in all.Where(c => c.StartedAt is not null).OrderByDescending(c => c.StartedAt).Take(Shown))
            {
                if ((await campaignStats.StatsAsync(access, campaign.Id, cancellationToken)).Value is { } stats)
                {
                    campaignRows.Add(new CampaignPerformance(campaign.Id, campaign.Name, campaign.StartedAt, stats.Sent, stats.Opened, stats.Clicked, stats.ContactsWithDealWon, stats.AmountWon));
                }
            }
        }

        var journeyRows = new List<JourneyPerformance>();
        if ((await journeys.ListAsync(access, cancellationToken)).Value is { } list)
        {
            foreach (var journey in list.Where(j => j.LiveVersion is not null).OrderByDescending(j => j.UpdatedAt).Take(Shown))
            {
                if ((await journeyStats.StatsAsync(access, journey.Id, cancellationToken)).Value is { } stats)
                {
                    journeyRows.Add(new JourneyPerformance(journey.Id, journey.Name, journey.Status, stats.Enrolled, stats.Active, stats.Completed, stats.Goal));
                }
            }
        }

        return new MarketingPerformanceDto(campaignRows, journeyRows);
    }
}
