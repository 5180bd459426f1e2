using CrmCdp.Web.Modules.Crm.Bulk;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Crm.Pipeline;

internal enum DealOutcome
{
    Open,
    Won,
    Lost,
}

internal sealed class Deal : IBulkEditableRecord
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public decimal Amount { get; set; }

    public string Currency { get; set; } = "EUR";

    public Guid PipelineId { get; set; }

    public Guid StageId { get; set; }

    public DealOutcome Outcome { get; set; }

    public Guid? LostReasonId { get; set; }

    public DateOnly? ExpectedCloseDate { get; set; }

    public Guid? OwnerId { get; set; }

    public Guid? CompanyId { get; set; }

    public List<Guid> ContactIds { get; set; } = [];

    public string? Source { get; set; }

    public string? NextStep { get; set; }

    /// <summary>When the deal entered its current stage (or was won or lost): what "rotting" counts from.</summary>
    public DateTimeOffset StageEnteredAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }

    public uint Version { get; set; }

    /// <summary>
    /// The one state rule of a deal: it moves to another stage of its pipeline (reopening it when closed), or closes as
    /// won at its final amount or as lost for a reason. Moving where it already is changes nothing (null); otherwise the
    /// stage clock restarts and the move is answered for the history.
    /// </summary>
    /// <param name="stageId">The stage to move to; ignored when <paramref name="outcome"/> closes the deal.</param>
    public DealTransition? MoveTo(Guid stageId, DealOutcome outcome, decimal? wonAmount, Guid? lostReasonId, DateTimeOffset now)
    {
        if (outcome == Outcome && (outcome != DealOutcome.Open || stageId == StageId))
        {
            return null;
        }

        var move = new DealTransition(StageId, Outcome, (long)(now - StageEnteredAt).TotalSeconds);
        (Outcome, LostReasonId, StageEnteredAt, UpdatedAt) = (outcome, outcome == DealOutcome.Lost ? lostReasonId : null, now, now);
        if (outcome == DealOutcome.Open)
        {
            (StageId, ClosedAt) = (stageId, null);
        }
        else
        {
            ClosedAt = now;
            Amount = outcome == DealOutcome.Won ? wonAmount ?? Amount : Amount;
        }

        return move;
    }
}

/// <summary>Where a deal was before a move, and how long it had been there.</summary>
internal sealed record DealTransition(Guid FromStageId, DealOutcome FromOutcome, long SecondsInPrevious);

/// <summary>One move of a deal: between stages, or to won / lost, with who and when and how long it sat before.</summary>
internal sealed class DealStageChange
{
    public long Id { get; set; }

    public Guid DealId { get; set; }

    public Guid? FromStageId { get; set; }

    public Guid ToStageId { get; set; }

    public DealOutcome Outcome { get; set; }

    public Guid? UserId { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>Seconds the deal spent where it was before this move.</summary>
    public long SecondsInPrevious { get; set; }
}

internal sealed class DealConfiguration : IEntityTypeConfiguration<Deal>
{
    public void Configure(EntityTypeBuilder<Deal> builder)
    {
        builder.ToTable("crm_deals", t => t.HasCheckConstraint("ck_crm_deals_amount", "amount >= 0"));
        builder.Property(d => d.Name).HasMaxLength(200);
        builder.Property(d => d.Amount).HasPrecision(18, 2);
        builder.Property(d => d.Currency).HasMaxLength(3);
        builder.Property(d => d.Outcome).HasConversion<string>().HasMaxLength(10);
        builder.Property(d => d.Source).HasMaxLength(100);
        builder.Property(d => d.NextStep).HasMaxLength(300);
        builder.Property(d => d.Version).IsRowVersion();
        builder.HasQueryFilter(d => d.DeletedAt == null);
        builder.HasOne<SalesPipeline>().WithMany().HasForeignKey(d => d.PipelineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PipelineStage>().WithMany().HasForeignKey(d => d.StageId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LostReason>().WithMany().HasForeignKey(d => d.LostReasonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(d => d.OwnerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Companies.Company>().WithMany().HasForeignKey(d => d.CompanyId).OnDelete(DeleteBehavior.SetNull);
        // The board reads one stage's open deals at a time, oldest move first (the ones rotting).
        builder.HasIndex(d => new { d.StageId, d.StageEnteredAt }).HasFilter("deleted_at IS NULL AND outcome = 'Open'");
        builder.HasIndex(d => new { d.OwnerId, d.StageId }).HasFilter("deleted_at IS NULL");
        builder.HasIndex(d => d.ContactIds).HasMethod("gin");
        builder.HasIndex(d => d.ExpectedCloseDate);
    }
}

internal sealed class DealStageChangeConfiguration : IEntityTypeConfiguration<DealStageChange>
{
    public void Configure(EntityTypeBuilder<DealStageChange> builder)
    {
        builder.ToTable("crm_deal_stage_changes");
        builder.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(c => new { c.DealId, c.ChangedAt });
        builder.HasOne<Deal>().WithMany().HasForeignKey(c => c.DealId).OnDelete(DeleteBehavior.Cascade);
    }
}
