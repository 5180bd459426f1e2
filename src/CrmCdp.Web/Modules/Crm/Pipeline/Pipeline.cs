using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Crm.Pipeline;

/// <summary>A sales process: ordered stages a deal moves through until it is won or lost.</summary>
internal sealed class SalesPipeline
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public int Order { get; set; }

    /// <summary>The currency new deals in this pipeline start with.</summary>
    public string Currency { get; set; } = "EUR";

    /// <summary>Teams that see this pipeline; empty means everyone.</summary>
    public List<Guid> VisibleToTeamIds { get; set; } = [];

    public List<PipelineStage> Stages { get; } = [];
}

internal sealed class PipelineStage
{
    public Guid Id { get; set; }

    public Guid PipelineId { get; set; }

    public string Name { get; set; } = "";

    public int Order { get; set; }

    /// <summary>Chance of winning a deal in this stage, 0–100, for the weighted pipeline.</summary>
    public int Probability { get; set; }

    /// <summary>Days without a move after which a deal in this stage is "rotting"; null for never.</summary>
    public int? RottingDays { get; set; }
}

/// <summary>An admin-defined reason a deal was lost; asked for whenever a deal is lost.</summary>
internal sealed class LostReason
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public int Order { get; set; }

    public bool Active { get; set; } = true;
}

internal sealed class PipelineConfiguration : IEntityTypeConfiguration<SalesPipeline>
{
    public void Configure(EntityTypeBuilder<SalesPipeline> builder)
    {
        builder.ToTable("crm_pipelines");
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.HasMany(p => p.Stages).WithOne().HasForeignKey(s => s.PipelineId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PipelineStageConfiguration : IEntityTypeConfiguration<PipelineStage>
{
    public void Configure(EntityTypeBuilder<PipelineStage> builder)
    {
        builder.ToTable("crm_pipeline_stages", t => t.HasCheckConstraint("ck_crm_pipeline_stages_probability", "probability BETWEEN 0 AND 100"));
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.HasIndex(s => new { s.PipelineId, s.Order });
    }
}

internal sealed class LostReasonConfiguration : IEntityTypeConfiguration<LostReason>
{
    public void Configure(EntityTypeBuilder<LostReason> builder)
    {
        builder.ToTable("crm_lost_reasons");
        builder.Property(r => r.Name).HasMaxLength(100);
    }
}
