using CrmCdp.Web.Modules.Crm.Common;
using FluentValidation;

namespace CrmCdp.Web.Modules.Crm.Activities;

internal sealed class ActivityInput
{
    /// <summary>note, call, email or meeting.</summary>
    public string? Type { get; set; }

    public Guid? ContactId { get; set; }

    public Guid? CompanyId { get; set; }

    /// <summary>A deal the activity belongs to (it then shows on the deal's timeline).</summary>
    public Guid? DealId { get; set; }

    public string? Subject { get; set; }

    public string? Body { get; set; }

    /// <summary>When it happened (a meeting: when it starts). Defaults to now.</summary>
    public DateTimeOffset? OccurredAt { get; set; }

    /// <summary>For calls: connected, leftVoicemail, noAnswer, wrongNumber, busy.</summary>
    public string? CallOutcome { get; set; }

    public int? DurationMinutes { get; set; }

    /// <summary>For meetings.</summary>
    public DateTimeOffset? EndsAt { get; set; }

    public List<string>? Attendees { get; set; }

    /// <summary>On creating a meeting: email an invitation (.ics) to the attendees given as email addresses.</summary>
    public bool? SendInvitation { get; set; }

    public uint? Version { get; set; }
}

internal sealed class ActivityInputValidator : AbstractValidator<ActivityInput>
{
    public ActivityInputValidator()
    {
        RuleFor(a => a.Type)
            .Must(t => CrmEnumNames.Parse<ActivityType>(t) is not null)
            .WithMessage($"The type must be one of: {CrmEnumNames.Allowed<ActivityType>()}.");
        RuleFor(a => a.ContactId)
            .Must((a, _) => a.ContactId is not null || a.CompanyId is not null || a.DealId is not null)
            .WithMessage("Link the activity to a contact, a company or a deal.");
        RuleFor(a => a.Body)
            .NotEmpty().When(a => CrmEnumNames.Parse<ActivityType>(a.Type) == ActivityType.Note).WithMessage("Write the note.")
            .MaximumLength(50_000).WithMessage("The text can be at most 50,000 characters.");
        RuleFor(a => a.Subject)
            .NotEmpty().When(a => CrmEnumNames.Parse<ActivityType>(a.Type) is ActivityType.Email or ActivityType.Meeting)
            .WithMessage("Give the email or meeting a subject.")
            .MaximumLength(300).WithMessage("The subject can be at most 300 characters.");
        RuleFor(a => a.CallOutcome)
            .Must(o => string.IsNullOrWhiteSpace(o) || CrmEnumNames.Parse<CallOutcome>(o) is not null)
            .WithMessage($"The call outcome must be one of: {CrmEnumNames.Allowed<CallOutcome>()}.");
        RuleFor(a => a.DurationMinutes).InclusiveBetween(0, 24 * 60).WithMessage("The duration must be between 0 and 1,440 minutes.");
        RuleFor(a => a.EndsAt)
            .Must((a, end) => end is null || a.OccurredAt is null || end > a.OccurredAt)
            .WithMessage("A meeting must end after it starts.");
        RuleFor(a => a.Attendees).Must(a => a is null || a.Count <= 50).WithMessage("A meeting can list at most 50 attendees.");
        RuleForEach(a => a.Attendees).NotNull().WithMessage("An attendee cannot be empty.")
            .MaximumLength(200).WithMessage("An attendee can be at most 200 characters.");
    }
}

public sealed record ActivityDto(
    Guid Id, string Type, Guid? ContactId, Guid? CompanyId, string? Subject, string Body, DateTimeOffset OccurredAt,
    string? CallOutcome, int? DurationMinutes, DateTimeOffset? EndsAt, IReadOnlyList<string> Attendees,
    Guid? OwnerId, string? OwnerName, DateTimeOffset CreatedAt, uint Version, Guid? DealId = null);
