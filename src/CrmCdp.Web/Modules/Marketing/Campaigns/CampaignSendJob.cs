using CrmCdp.Web.Modules.Cdp.Contracts;
using CrmCdp.Web.Modules.Marketing.Email;
using CrmCdp.Web.Platform.Email;
using CrmCdp.Web.Platform.Jobs;
using Hangfire;
using Npgsql;
using NpgsqlTypes;

namespace CrmCdp.Web.Modules.Marketing.Campaigns;

/// <summary>
/// Sends the campaigns that are due: takes each one's audience from its segment at that moment, then queues each
/// person's email (consent, suppression and address checked, skips counted) in batches under <c>SKIP LOCKED</c>, the
/// recipient's outcome committed with the email so nobody is sent a campaign twice; a campaign with nobody left is sent.
/// </summary>
[SystemAccess("Sends what someone allowed to send campaigns sent.")]
internal sealed class CampaignSendJob(
    IDbContextFactory<AppDbContext> dbFactory, ICdpProfilesForMarketing profiles, MarketingEmails emails, EmailOutbox outbox, TimeProvider timeProvider)
    : IRecurringJobDefinition
{
    public const string Id = "marketing:send-campaigns";
    private const int BatchSize = 100;

    public void Register(IRecurringJobManager jobs) => jobs.AddOrUpdate<CampaignSendJob>(Id, job => job.RunAsync(CancellationToken.None), Cron.Minutely());

    /// <returns>How many emails it queued.</returns>
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await StartDueAsync(cancellationToken);
        var queued = 0;
        while (await SendBatchAsync(cancellationToken) is var (taken, sent) && taken > 0)
        {
            queued += sent;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE mkt_campaigns c SET status = 'sent', finished_at = {now}, updated_at = {now}
            WHERE c.status = 'sending' AND NOT EXISTS (SELECT 1 FROM mkt_campaign_recipients r WHERE r.campaign_id = c.id AND r.outcome IS NULL)
            """, cancellationToken);
        return queued;
    }

    /// <summary>Takes the audience of each campaign whose time has come, in the transaction that starts it (so only once).</summary>
    private async Task StartDueAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        List<Guid> due;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            due = await db.Set<Campaign>().Where(c => c.Status == CampaignStatuses.Scheduled && c.ScheduledAt <= now).Select(c => c.Id).ToListAsync(cancellationToken);
        }

        foreach (var id in due)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var campaign = (await db.Set<Campaign>().FromSql($"SELECT * FROM mkt_campaigns WHERE id = {id} AND status = 'scheduled' FOR UPDATE SKIP LOCKED").ToListAsync(cancellationToken))
                .SingleOrDefault();
            if (campaign is null)
            {
                continue;
            }

            var members = await profiles.SegmentMembersAsync(db, campaign.SegmentId, cancellationToken);
            var insert = new NpgsqlParameter("members", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = members.ToArray() };
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO mkt_campaign_recipients (campaign_id, profile_id) SELECT @campaign, unnest(@members) ON CONFLICT DO NOTHING",
                [new NpgsqlParameter("campaign", campaign.Id), insert], cancellationToken);
            (campaign.Status, campaign.StartedAt, campaign.AudienceSize, campaign.UpdatedAt) = (CampaignStatuses.Sending, now, members.Count, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private async Task<(int Taken, int Sent)> SendBatchAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var recipients = await db.Set<CampaignRecipient>().FromSql($"""
            SELECT r.* FROM mkt_campaign_recipients r JOIN mkt_campaigns c ON c.id = r.campaign_id
            WHERE r.outcome IS NULL AND c.status = 'sending'
            LIMIT {BatchSize} FOR UPDATE OF r SKIP LOCKED
            """).ToListAsync(cancellationToken);
        var campaignIds = recipients.Select(r => r.CampaignId).Distinct().ToList();
        var templates = await db.Set<Campaign>().Where(c => campaignIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.TemplateId, cancellationToken);
        var now = timeProvider.GetUtcNow();
        var sent = 0;
        foreach (var recipient in recipients)
        {
            recipient.At = now;
            if (await profiles.LoadAsync(db, recipient.ProfileId, cancellationToken) is not { } profile)
            {
                recipient.Outcome = SkipReasons.Outcome(SkipReasons.ProfileGone);
                continue;
            }

            recipient.ContactId = profile.ContactId;
            var outcome = await emails.QueueAsync(db, profile, templates[recipient.CampaignId], new MarketingSendContext(CampaignId: recipient.CampaignId), cancellationToken);
            (recipient.Outcome, recipient.EmailId) = (outcome.EmailId is null ? SkipReasons.Outcome(outcome.Skipped) : "sent", outcome.EmailId);
            sent += outcome.EmailId is null ? 0 : 1;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (sent > 0)
        {
            outbox.Wake();
        }

        return (recipients.Count, sent);
    }
}
