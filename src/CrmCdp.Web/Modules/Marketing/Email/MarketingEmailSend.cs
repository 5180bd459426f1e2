using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Marketing.Email;

/// <summary>What a marketing email was for: the person, and the journey step or campaign that sent it.</summary>
internal sealed record MarketingSendContext(Guid? JourneyId = null, string? StepId = null, Guid? CampaignId = null);

/// <summary>One marketing email sent: whom it was for and why, so its opens and clicks go back to the person's profile.</summary>
internal sealed class MarketingEmailSend
{
    public Guid EmailId { get; set; }

    public Guid ProfileId { get; set; }

    public Guid? JourneyId { get; set; }

    public string? StepId { get; set; }

    public Guid? CampaignId { get; set; }

    public DateTimeOffset At { get; set; }
}

internal sealed class MarketingEmailSendConfiguration : IEntityTypeConfiguration<MarketingEmailSend>
{
    public void Configure(EntityTypeBuilder<MarketingEmailSend> builder)
    {
        builder.ToTable("mkt_email_sends");
        builder.HasKey(s => s.EmailId);
        builder.Property(s => s.StepId).HasMaxLength(40);
        builder.HasIndex(s => s.ProfileId);
        builder.HasIndex(s => s.JourneyId);
        builder.HasIndex(s => s.CampaignId);
    }
}

/// <summary>A person's unsubscribe, kept by marketing to count a campaign's unsubscribes.</summary>
internal sealed class MarketingUnsubscribe
{
    public long Id { get; set; }

    public Guid ProfileId { get; set; }

    public DateTimeOffset At { get; set; }
}

internal sealed class MarketingUnsubscribeConfiguration : IEntityTypeConfiguration<MarketingUnsubscribe>
{
    public void Configure(EntityTypeBuilder<MarketingUnsubscribe> builder)
    {
        builder.ToTable("mkt_unsubscribes");
        builder.HasIndex(u => new { u.ProfileId, u.At });
    }
}
