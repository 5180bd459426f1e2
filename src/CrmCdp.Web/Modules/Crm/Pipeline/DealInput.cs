using FluentValidation;

namespace CrmCdp.Web.Modules.Crm.Pipeline;

public sealed class DealInput
{
    public string? Name { get; set; }

    public decimal? Amount { get; set; }

    /// <summary>ISO 4217 code such as EUR or USD; defaults to the pipeline's currency.</summary>
    public string? Currency { get; set; }

    public Guid? PipelineId { get; set; }

    /// <summary>Defaults to the pipeline's first stage.</summary>
    public Guid? StageId { get; set; }

    public DateOnly? ExpectedCloseDate { get; set; }

    public List<Guid>? ContactIds { get; set; }

    public Guid? CompanyId { get; set; }

    public Guid? OwnerId { get; set; }

    public string? Source { get; set; }

    public string? NextStep { get; set; }

    /// <summary>The version read, required on update.</summary>
    public uint? Version { get; set; }
}

/// <summary>Moves a deal to a stage of its pipeline, or closes it: won (with the final amount) or lost (with a reason).</summary>
public sealed class DealMove
{
    public Guid? StageId { get; set; }

    /// <summary>won or lost.</summary>
    public string? Outcome { get; set; }

    public decimal? Amount { get; set; }

    public Guid? LostReasonId { get; set; }
}

public sealed record DealDto(
    Guid Id, string Name, decimal Amount, string Currency, Guid PipelineId, string PipelineName, Guid StageId, string StageName, int Probability,
    string Outcome, Guid? LostReasonId, string? LostReason, DateOnly? ExpectedCloseDate, Guid? OwnerId, string? OwnerName, Guid? CompanyId,
    IReadOnlyList<Guid> ContactIds, string? Source, string? NextStep, DateTimeOffset StageEnteredAt, int DaysInStage, bool IsRotting,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ClosedAt, uint Version, string? CompanyName = null);

public sealed record StageDto(Guid Id, string Name, int Order, int Probability, int? RottingDays);

public sealed record PipelineDto(Guid Id, string Name, int Order, string Currency, IReadOnlyList<Guid> VisibleToTeamIds, IReadOnlyList<StageDto> Stages);

public sealed record LostReasonDto(Guid Id, string Name, bool Active);

public sealed record StageHistoryDto(Guid? FromStageId, string? FromStage, Guid ToStageId, string ToStage, string Outcome, string? ChangedBy, DateTimeOffset ChangedAt, long SecondsInPrevious);

internal sealed class DealInputValidator : AbstractValidator<DealInput>
{
    public DealInputValidator()
    {
        RuleFor(d => d.Name).NotEmpty().WithMessage("Name the deal.").MaximumLength(200).WithMessage("The name can be at most 200 characters.");
        RuleFor(d => d.Amount).GreaterThanOrEqualTo(0).WithMessage("The amount cannot be negative.")
            .LessThan(1_000_000_000_000m).WithMessage("The amount is too large.");
        RuleFor(d => d.Currency).Matches("^[A-Za-z]{3}$").When(d => d.Currency is not null).WithMessage("Use a three-letter currency code such as EUR or USD.");
        RuleFor(d => d.PipelineId).NotNull().WithMessage("Choose the pipeline.");
        RuleFor(d => d.ContactIds).Must(c => c is null || c.Count <= 20).WithMessage("A deal can have at most 20 contacts.");
        RuleFor(d => d.Source).MaximumLength(100).WithMessage("The source can be at most 100 characters.");
        RuleFor(d => d.NextStep).MaximumLength(300).WithMessage("The next step can be at most 300 characters.");
    }
}
