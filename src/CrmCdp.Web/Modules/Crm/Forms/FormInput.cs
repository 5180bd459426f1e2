using System.Text.RegularExpressions;
using FluentValidation;

namespace CrmCdp.Web.Modules.Crm.Forms;

/// <summary><c>/api/v1/forms</c>: what a form asks, what it maps to, and what a submission does.</summary>
internal sealed class FormInput
{
    public string? Name { get; set; }

    public List<FormFieldInput>? Fields { get; set; }

    public List<FormConsentInput>? Consents { get; set; }

    public bool? CreatesTicket { get; set; }

    public Guid? AssignTeamId { get; set; }

    public string? ThankYouMessage { get; set; }

    public bool? Enabled { get; set; }
}

internal sealed class FormFieldInput
{
    public string? Name { get; set; }

    public string? Label { get; set; }

    /// <summary>email, firstName, lastName, phone, company, jobTitle or custom:&lt;key&gt;; empty keeps the value on the submission only.</summary>
    public string? MapsTo { get; set; }

    public bool Required { get; set; }
}

internal sealed class FormConsentInput
{
    public string? Category { get; set; }

    public string? Text { get; set; }
}

internal static partial class FormMappings
{
    public const string Email = "email";
    public const string CustomPrefix = "custom:";

    public static IReadOnlyList<string> ContactFields { get; } = [Email, "firstName", "lastName", "phone", "company", "jobTitle"];

    public static string? CustomKey(string? mapsTo) =>
        mapsTo is not null && mapsTo.StartsWith(CustomPrefix, StringComparison.Ordinal) ? mapsTo[CustomPrefix.Length..] : null;

    public static bool IsKnown(string? mapsTo) =>
        string.IsNullOrEmpty(mapsTo) || ContactFields.Contains(mapsTo) || CustomKey(mapsTo) is { Length: > 0 };

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,49}$")]
    public static partial Regex FieldName();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,49}$")]
    public static partial Regex Category();
}

internal sealed class FormInputValidator : AbstractValidator<FormInput>
{
    public const int MaxFields = 30;
    public const int MaxConsents = 10;

    public FormInputValidator()
    {
        RuleFor(f => f.Name).NotEmpty().WithMessage("Name the form, e.g. Contact us.").MaximumLength(200).WithMessage("The name can be at most 200 characters.");
        RuleFor(f => f.ThankYouMessage).MaximumLength(1000).WithMessage("The thank-you message can be at most 1,000 characters.");
        RuleFor(f => f.Fields).NotEmpty().WithMessage("Add at least one field, one of them mapped to email.")
            .Must(f => f is null || f.Count <= MaxFields).WithMessage($"A form has at most {MaxFields} fields.")
            .Must(f => f is null || f.Count == 0 || f.Any(x => x?.MapsTo == FormMappings.Email))
            .WithMessage("Map one field to email: a submission finds or creates its contact by email.")
            .Must(f => f is null || f.Where(x => x?.Name is not null).GroupBy(x => x.Name!, StringComparer.OrdinalIgnoreCase).All(g => g.Count() == 1))
            .WithMessage("Each field needs its own name.")
            .Must(f => f is null || f.Where(x => FormMappings.ContactFields.Contains(x?.MapsTo ?? "") || FormMappings.CustomKey(x?.MapsTo) is not null)
                .GroupBy(x => x.MapsTo).All(g => g.Count() == 1))
            .WithMessage("Map each contact field from one form field only.");
        RuleForEach(f => f.Fields).NotNull().WithMessage("A field cannot be null.").ChildRules(field =>
        {
            field.RuleFor(x => x.Name).NotEmpty().WithMessage("Name the field (letters, digits and _; it is the name the form posts).")
                .Must(n => n is null || FormMappings.FieldName().IsMatch(n)).WithMessage("A field name starts with a letter and has only letters, digits and _ (at most 50).")
                .Must(n => !string.Equals(n, "anonymousId", StringComparison.OrdinalIgnoreCase)).WithMessage("anonymousId is posted by the form itself; pick another name.");
            field.RuleFor(x => x.Label).NotEmpty().WithMessage("Give the field a label people will read.").MaximumLength(200);
            field.RuleFor(x => x.MapsTo).Must(FormMappings.IsKnown)
                .WithMessage($"mapsTo must be one of {string.Join(", ", FormMappings.ContactFields)}, custom:<key>, or empty.");
        });
        RuleFor(f => f.Consents).Must(c => c is null || c.Count <= MaxConsents).WithMessage($"A form has at most {MaxConsents} consent boxes.")
            .Must(c => c is null || c.Where(x => x?.Category is not null).GroupBy(x => x.Category!, StringComparer.OrdinalIgnoreCase).All(g => g.Count() == 1))
            .WithMessage("Each consent box needs its own category.");
        RuleForEach(f => f.Consents).NotNull().WithMessage("A consent cannot be null.").ChildRules(consent =>
        {
            consent.RuleFor(x => x.Category).NotEmpty().WithMessage("Name the consent category, e.g. email or marketing.")
                .Must(c => c is null || FormMappings.Category().IsMatch(c)).WithMessage("A category starts with a letter and has only letters, digits, _ and - (at most 50).");
            consent.RuleFor(x => x.Text).NotEmpty().WithMessage("Write the text people agree to.").MaximumLength(2000).WithMessage("The consent text can be at most 2,000 characters.");
        });
    }
}

internal sealed record FormFieldDto(string Name, string Label, string? MapsTo, bool Required);

internal sealed record FormConsentDto(string Category, string Text, int Version);

/// <summary>A form as the API and the pages show it, with its public URLs and embed snippet.</summary>
internal sealed record FormDto(
    Guid Id, string Key, string Name, IReadOnlyList<FormFieldDto> Fields, IReadOnlyList<FormConsentDto> Consents, bool CreatesTicket,
    Guid? AssignTeamId, string? ThankYouMessage, bool Enabled, string Url, string EmbedHtml, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static FormDto Of(WebForm f, string baseUrl)
    {
        var origin = baseUrl.TrimEnd('/');
        var url = $"{origin}/f/{f.Key}";
        return new(
            f.Id, f.Key, f.Name, [.. f.Fields.Select(x => new FormFieldDto(x.Name, x.Label, string.IsNullOrEmpty(x.MapsTo) ? null : x.MapsTo, x.Required))],
            [.. f.Consents.Select(c => new FormConsentDto(c.Category, c.Text, c.Version))], f.CreatesTicket, f.AssignTeamId, f.ThankYouMessage, f.Enabled, url,
            $"<div data-crmcdp-form=\"{f.Key}\"></div>\n<script src=\"{origin}/forms/embed.js\" async></script>", f.CreatedAt, f.UpdatedAt);
    }
}

public sealed record FormSubmissionDto(
    Guid Id, Guid FormId, string Status, IReadOnlyDictionary<string, string> Values, IReadOnlyList<SubmittedConsent> Consents, string? Email,
    string? AnonymousId, string? SpamReason, string? Note, Guid? ContactId, Guid? TicketId, Guid? AssignedUserId, DateTimeOffset ReceivedAt, bool InCdp)
{
    internal static FormSubmissionDto Of(FormSubmission s) => new(
        s.Id, s.FormId, s.Status.ToString().ToLowerInvariant(), s.Values, s.Consents, s.Email, s.AnonymousId, s.SpamReason, s.Note, s.ContactId, s.TicketId,
        s.AssignedUserId, s.ReceivedAt, s.EventsSentAt is not null);
}
