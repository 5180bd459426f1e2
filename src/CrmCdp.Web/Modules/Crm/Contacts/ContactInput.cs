using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Platform.ContactPoints;
using FluentValidation;

namespace CrmCdp.Web.Modules.Crm.Contacts;

/// <summary>What a client sends to create or replace a contact (API body and UI form alike).</summary>
internal sealed class ContactInput
{
    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    /// <summary>The primary email; added in front of <see cref="Emails"/>.</summary>
    public string? Email { get; set; }

    public List<string>? Emails { get; set; }

    public List<string>? Phones { get; set; }

    public string? JobTitle { get; set; }

    public Guid? CompanyId { get; set; }

    /// <summary>Defaults to the caller.</summary>
    public Guid? OwnerId { get; set; }

    public string? LifecycleStage { get; set; }

    public string? LeadSource { get; set; }

    public List<string>? Tags { get; set; }

    public bool EmailConsent { get; set; }

    public bool SmsConsent { get; set; }

    /// <summary>Values of custom fields by key (see GET /api/v1/custom-fields); null keeps the stored values.</summary>
    public Dictionary<string, System.Text.Json.JsonElement>? CustomFields { get; set; }

    /// <summary>The version read before editing; required on update so a concurrent edit is detected.</summary>
    public uint? Version { get; set; }

    /// <summary>An edit that keeps every stored value (an import row or a form then overlays what it brings).</summary>
    public static ContactInput FromExisting(ContactDto c) => new()
    {
        FirstName = c.FirstName,
        LastName = c.LastName,
        Email = c.Email,
        Emails = [.. c.Emails.Skip(1)],
        Phones = [.. c.Phones],
        JobTitle = c.JobTitle,
        CompanyId = c.CompanyId,
        OwnerId = c.OwnerId,
        LifecycleStage = c.LifecycleStage,
        LeadSource = c.LeadSource,
        Tags = [.. c.Tags],
        EmailConsent = c.EmailConsent,
        SmsConsent = c.SmsConsent,
        Version = c.Version,
    };

    public IEnumerable<string> AllEmails() =>
        new[] { Email }.Concat(Emails ?? []).Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e!);
}

internal sealed class ContactInputValidator : AbstractValidator<ContactInput>
{
    public const int MaxTags = 20;

    public ContactInputValidator(ContactPointNormalizer normalizer)
    {
        RuleFor(c => c)
            .Must(c => !string.IsNullOrWhiteSpace(c.FirstName) || !string.IsNullOrWhiteSpace(c.LastName) || c.AllEmails().Any())
            .WithName("firstName")
            .OverridePropertyName("firstName")
            .WithMessage("Give the contact a name or an email address.");
        RuleFor(c => c.FirstName).MaximumLength(100).WithMessage("The first name can be at most 100 characters.");
        RuleFor(c => c.LastName).MaximumLength(100).WithMessage("The last name can be at most 100 characters.");
        RuleFor(c => c.Email)
            .Must(e => string.IsNullOrWhiteSpace(e) || ContactPointNormalizer.NormalizeEmail(e) is not null)
            .WithMessage(c => $"'{c.Email}' is not a valid email address.");
        RuleForEach(c => c.Emails)
            .Must(e => ContactPointNormalizer.NormalizeEmail(e) is not null)
            .WithMessage((_, e) => $"'{e}' is not a valid email address.");
        RuleFor(c => c.Emails).Must(e => e is null || e.Count <= 10).WithMessage("A contact can have at most 10 email addresses.");
        RuleForEach(c => c.Phones)
            .Must(p => normalizer.NormalizePhone(p) is not null)
            .WithMessage((_, p) => $"'{p}' is not a phone number we can read; include the country code, e.g. +1 415 555 0100.");
        RuleFor(c => c.Phones).Must(p => p is null || p.Count <= 10).WithMessage("A contact can have at most 10 phone numbers.");
        RuleFor(c => c.JobTitle).MaximumLength(150).WithMessage("The job title can be at most 150 characters.");
        RuleFor(c => c.LeadSource).MaximumLength(100).WithMessage("The lead source can be at most 100 characters.");
        RuleFor(c => c.LifecycleStage)
            .Must(s => string.IsNullOrWhiteSpace(s) || CrmEnumNames.Parse<LifecycleStage>(s) is not null)
            .WithMessage($"The lifecycle stage must be one of: {CrmEnumNames.Allowed<LifecycleStage>()}.");
        RuleFor(c => c.Tags).Must(t => t is null || t.Count <= MaxTags).WithMessage($"A record can have at most {MaxTags} tags.");
        RuleForEach(c => c.Tags)
            .Must(t => !string.IsNullOrWhiteSpace(t) && t.Trim().Length <= 50)
            .WithMessage("Tags must be 1 to 50 characters.");
    }
}
