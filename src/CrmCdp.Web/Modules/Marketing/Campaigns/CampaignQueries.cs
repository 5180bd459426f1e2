using CrmCdp.Web.Modules.Crm.Contracts;
using CrmCdp.Web.Modules.Marketing.Email;
using CrmCdp.Web.Platform.Email;

namespace CrmCdp.Web.Modules.Marketing.Campaigns;

internal sealed record CampaignStats(
    Guid CampaignId, string Status, int Audience, int Sent, int Failed, int Opened, int Clicked, int Unsubscribed, IReadOnlyDictionary<string, int> Skipped,
    int ContactsWithDealCreated, int ContactsWithDealWon, decimal AmountWon);

/// <summary>
/// A campaign's numbers: sent, failed, opened and clicked (each person once), unsubscribed after it went out, skips by
/// reason, and downstream the people whose contact later had a deal created or won.
/// </summary>
internal sealed class CampaignQueries(IDbContextFactory<AppDbContext> dbFactory, ICrmContactsForMarketing contacts)
{
    public async Task<OperationResult<CampaignStats>> StatsAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Marketing.EmailManage) && !access.Has(Permissions.Marketing.CampaignsSend))
        {
            return OperationResult<CampaignStats>.Forbidden("Your role cannot see campaigns.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<Campaign>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } campaign)
        {
            return OperationResult<CampaignStats>.NotFound();
        }

        var outcomes = await db.Set<CampaignRecipient>().Where(r => r.CampaignId == id && r.Outcome != null).GroupBy(r => r.Outcome!)
            .Select(g => new { Outcome = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var emails = await (from r in db.Set<CampaignRecipient>()
                            join e in db.Set<OutboundEmail>() on r.EmailId equals e.Id
                            where r.CampaignId == id
                            group e by 1 into g
                            select new
                            {
                                Failed = g.Count(e => e.Status == EmailStatus.Failed),
                                Opened = g.Count(e => e.OpenedAt != null),
                                Clicked = g.Count(e => e.ClickedAt != null),
                            }).SingleOrDefaultAsync(cancellationToken);
        var since = campaign.StartedAt ?? DateTimeOffset.MaxValue;
        var unsubscribed = await db.Set<CampaignRecipient>().Where(r => r.CampaignId == id && r.EmailId != null)
            .CountAsync(r => db.Set<MarketingUnsubscribe>().Any(u => u.ProfileId == r.ProfileId && u.At >= since), cancellationToken);
        var contactIds = await db.Set<CampaignRecipient>().Where(r => r.CampaignId == id && r.Outcome == "sent" && r.ContactId != null)
            .Select(r => r.ContactId!.Value).ToListAsync(cancellationToken);
        var deals = campaign.StartedAt is { } started && contactIds.Count > 0 ? await contacts.DealsAfterAsync(db, contactIds, started, cancellationToken) : new DealsAfter(0, 0, 0);
        return OperationResult<CampaignStats>.Ok(new CampaignStats(
            id, campaign.Status, campaign.AudienceSize, outcomes.Where(o => o.Outcome == "sent").Sum(o => o.Count), emails?.Failed ?? 0, emails?.Opened ?? 0, emails?.Clicked ?? 0, unsubscribed,
            outcomes.Where(o => SkipReasons.ReasonOf(o.Outcome) is not null).ToDictionary(o => SkipReasons.ReasonOf(o.Outcome)!, o => o.Count, StringComparer.Ordinal),
            deals.ContactsWithDealCreated, deals.ContactsWithDealWon, deals.AmountWon));
    }
}
