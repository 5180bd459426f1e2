using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Pipeline;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Crm.Quotas;

/// <summary>What a rep is expected to win in a pipeline in one month, in the pipeline's currency.</summary>
internal sealed class SalesQuota : IOwnedRecord
{
    public Guid Id { get; set; }

    /// <summary>The rep; as the record's owner, whoever sees the rep's deals sees the rep's quota.</summary>
    public Guid? OwnerId { get; set; }

    public Guid PipelineId { get; set; }

    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; set; }

    public decimal Amount { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class SalesQuotaConfiguration : IEntityTypeConfiguration<SalesQuota>
{
    public void Configure(EntityTypeBuilder<SalesQuota> builder)
    {
        builder.ToTable("crm_quotas", t => t.HasCheckConstraint("ck_crm_quotas_amount", "amount >= 0"));
        builder.Property(q => q.Amount).HasPrecision(18, 2);
        builder.HasIndex(q => new { q.PipelineId, q.Month, q.OwnerId }).IsUnique();
        builder.Property(q => q.OwnerId).IsRequired();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(q => q.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SalesPipeline>().WithMany().HasForeignKey(q => q.PipelineId).OnDelete(DeleteBehavior.Cascade);
    }
}
