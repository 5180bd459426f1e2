using CrmCdp.Web.Modules.Crm.Common;
using FluentValidation;

namespace CrmCdp.Web.Modules.Crm.Tasks;

internal sealed class TaskInput
{
    public string? Title { get; set; }

    /// <summary>call, email, toDo or followUp.</summary>
    public string? Type { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    /// <summary>low, normal or high.</summary>
    public string? Priority { get; set; }

    public Guid? ContactId { get; set; }

    public Guid? CompanyId { get; set; }

    /// <summary>A deal the task belongs to.</summary>
    public Guid? DealId { get; set; }

    /// <summary>Defaults to the caller.</summary>
    public Guid? OwnerId { get; set; }

    public DateTimeOffset? ReminderAt { get; set; }

    public string? Notes { get; set; }

    public uint? Version { get; set; }
}

internal sealed class TaskInputValidator : AbstractValidator<TaskInput>
{
    public TaskInputValidator()
    {
        RuleFor(t => t.Title)
            .NotEmpty().WithMessage("Say what has to be done.")
            .MaximumLength(300).WithMessage("The title can be at most 300 characters.");
        RuleFor(t => t.Type)
            .Must(t => string.IsNullOrWhiteSpace(t) || CrmEnumNames.Parse<CrmTaskType>(t) is not null)
            .WithMessage($"The type must be one of: {CrmEnumNames.Allowed<CrmTaskType>()}.");
        RuleFor(t => t.Priority)
            .Must(p => string.IsNullOrWhiteSpace(p) || CrmEnumNames.Parse<CrmTaskPriority>(p) is not null)
            .WithMessage($"The priority must be one of: {CrmEnumNames.Allowed<CrmTaskPriority>()}.");
        RuleFor(t => t.DueAt).NotNull().WithMessage("Give the task a due date.");
        RuleFor(t => t.ReminderAt)
            .Must((t, reminder) => reminder is null || t.DueAt is null || reminder <= t.DueAt)
            .WithMessage("The reminder must come before the due date.");
        RuleFor(t => t.Notes).MaximumLength(10_000).WithMessage("Notes can be at most 10,000 characters.");
    }
}

public sealed record TaskDto(
    Guid Id, string Title, string Type, DateTimeOffset DueAt, string Priority, string Status, Guid? OwnerId, string? OwnerName,
    Guid? ContactId, string? ContactName, Guid? CompanyId, string? CompanyName, DateTimeOffset? ReminderAt, string? Notes,
    DateTimeOffset? CompletedAt, bool IsOverdue, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, uint Version, Guid? DealId = null);
