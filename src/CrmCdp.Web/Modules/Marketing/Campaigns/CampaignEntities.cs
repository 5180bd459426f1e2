using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Marketing.Campaigns;

internal static class CampaignStatuses
{
    public const string Draft = "draft";
    public const string Scheduled = "scheduled";
    public const string Sending = "sending";
    public const string Sent = "sent";
}

/// <summary>A one-off email to a segment, now or at a set time: its audience is the segment's members when it goes out.</summary>
internal sealed class Campaign
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public Guid SegmentId { get; set; }

    public Guid TemplateId { get; set; }

    public string Status { get; set; } = CampaignStatuses.Draft;

    public DateTimeOffset? ScheduledAt { get; set; }

    /// <summary>When the audience was taken (the send began).</summary>
    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public int AudienceSize { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One person of a campaign's audience snapshot and what was done for them: written once, with the email it queued.</summary>
internal sealed class CampaignRecipient
{
    public Guid CampaignId { get; set; }

    public Guid ProfileId { get; set; }

    /// <summary>Null while waiting; then sent or skipped:{reason}.</summary>
    public string? Outcome { get; set; }

    public Guid? EmailId { get; set; }

    /// <summary>The person's CRM contact at send time, for the deals that followed.</summary>
    public Guid? ContactId { get; set; }

    public DateTimeOffset? At { get; set; }
}

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>, IEntityTypeConfiguration<CampaignRecipient>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.ToTable("mkt_campaigns");
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Status).HasMaxLength(20);
        builder.HasIndex(c => c.Status);
    }

    public void Configure(EntityTypeBuilder<CampaignRecipient> builder)
    {
        builder.ToTable("mkt_campaign_recipients");
        builder.HasKey(r => new { r.CampaignId, r.ProfileId });
        builder.Property(r => r.Outcome).HasMaxLength(100);
        builder.HasIndex(r => r.CampaignId).HasFilter("outcome IS NULL").HasDatabaseName("ix_mkt_campaign_recipients_waiting");
        builder.HasOne<Campaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}
