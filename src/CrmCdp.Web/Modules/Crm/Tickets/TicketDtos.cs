using CrmCdp.Web.Platform.ContactPoints;
using FluentValidation;

namespace CrmCdp.Web.Modules.Crm.Tickets;

public sealed class TicketInput
{
    public string? Subject { get; set; }

    public string? Description { get; set; }

    /// <summary>low, normal, high or urgent.</summary>
    public string? Priority { get; set; }

    /// <summary>new, open, pendingCustomer, onHold, solved or closed (on update).</summary>
    public string? Status { get; set; }

    public string? Type { get; set; }

    public string? Channel { get; set; }

    /// <summary>The requester, a contact.</summary>
    public Guid? ContactId { get; set; }

    /// <summary>The requester by email, when no contact is given: the contact holding it, or a new contact made for it.</summary>
    public string? RequesterEmail { get; set; }

    /// <summary>Defaults to the requester's company.</summary>
    public Guid? CompanyId { get; set; }

    public Guid? AssigneeId { get; set; }

    public Guid? TeamId { get; set; }

    public List<string>? Tags { get; set; }
}

public sealed class ReplyInput
{
    public string? Body { get; set; }

    /// <summary>An internal note: seen by agents only, and not a response to the customer.</summary>
    public bool Internal { get; set; }
}

public sealed record TicketDto(
    Guid Id, long Number, string Subject, string Description, string Priority, string Status, string? Type, string? Channel,
    Guid? ContactId, Guid? CompanyId, Guid? AssigneeId, string? AssigneeName, Guid? TeamId,
    DateTimeOffset FirstResponseDueAt, DateTimeOffset? FirstRespondedAt, DateTimeOffset? ResolutionDueAt, bool ResolutionPaused,
    DateTimeOffset? SolvedAt, DateTimeOffset? FirstResponseBreachedAt, DateTimeOffset? ResolutionBreachedAt,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, uint Version, IReadOnlyList<string>? Tags = null,
    string? RequesterName = null, string? RequesterEmail = null, string? CompanyName = null);

public sealed record ReplyDto(Guid Id, string Body, bool Internal, Guid? AuthorId, string? AuthorName, DateTimeOffset CreatedAt);

internal sealed class TicketInputValidator : AbstractValidator<TicketInput>
{
    public TicketInputValidator()
    {
        RuleFor(t => t.Subject).NotEmpty().WithMessage("Give the ticket a subject.").MaximumLength(300).WithMessage("The subject can be at most 300 characters.");
        RuleFor(t => t.Description).MaximumLength(50_000).WithMessage("The description can be at most 50,000 characters.");
        RuleFor(t => t.Priority).Must(p => p is null || Common.CrmEnumNames.Parse<TicketPriority>(p) is not null)
            .WithMessage($"The priority must be one of: {Common.CrmEnumNames.Allowed<TicketPriority>()}.");
        RuleFor(t => t.Status).Must(s => s is null || Common.CrmEnumNames.Parse<TicketStatus>(s) is not null)
            .WithMessage($"The status must be one of: {Common.CrmEnumNames.Allowed<TicketStatus>()}.");
        RuleFor(t => t.RequesterEmail).Must(e => e is null || (e.Length <= 320 && ContactPointNormalizer.NormalizeEmail(e) is not null))
            .WithMessage("Enter the requester's email as name@example.com.");
        RuleFor(t => t.Type).MaximumLength(50).WithMessage("The type can be at most 50 characters.");
        RuleFor(t => t.Channel).MaximumLength(50).WithMessage("The channel can be at most 50 characters.");
        RuleFor(t => t.Tags).Must(tags => tags is null || (tags.Count <= 20 && tags.All(tag => tag.Trim().Length is > 0 and <= 50)))
            .WithMessage("Use at most 20 tags of 1 to 50 characters.");
    }
}
