using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Crm.Contracts;

/// <summary>
/// A CRM fact that matters to marketing (a deal created, moved, won or lost; a ticket opened or solved), written in
/// the same transaction as the change, for the CDP to put on the related contacts' profiles.
/// </summary>
public sealed class CrmInternalEvent
{
    public long Id { get; set; }

    /// <summary>deal.created, deal.stage_changed, deal.won, deal.lost, ticket.opened, ticket.solved.</summary>
    public string Type { get; set; } = "";

    public Guid RecordId { get; set; }

    public List<Guid> ContactIds { get; set; } = [];

    public Guid? CompanyId { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>The event's properties as a JSON object (amount, currency, stage, pipeline, reason…).</summary>
    public string PropertiesJson { get; set; } = "{}";
}

internal sealed class CrmInternalEventConfiguration : IEntityTypeConfiguration<CrmInternalEvent>
{
    public void Configure(EntityTypeBuilder<CrmInternalEvent> builder)
    {
        builder.ToTable("crm_internal_events");
        builder.Property(e => e.Type).HasMaxLength(50);
        builder.Property(e => e.PropertiesJson).HasColumnType("jsonb");
        builder.HasIndex(e => e.OccurredAt);
    }
}
