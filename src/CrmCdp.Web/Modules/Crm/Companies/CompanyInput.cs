using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Platform.ContactPoints;
using FluentValidation;

namespace CrmCdp.Web.Modules.Crm.Companies;

internal sealed class CompanyInput
{
    /// <summary>Required, up to 200 characters.</summary>
    public string? Name { get; set; }

    /// <summary>The web domain, e.g. "acme.com"; stored lowercase without scheme, "www." or path.</summary>
    public string? Domain { get; set; }

    /// <summary>Free text up to 100 characters, e.g. "Software".</summary>
    public string? Industry { get; set; }

    /// <summary>Number of employees, when known: 0 to 10,000,000.</summary>
    public int? Employees { get; set; }

    /// <summary>Street and number, up to 200 characters.</summary>
    public string? Street { get; set; }

    /// <summary>Up to 100 characters.</summary>
    public string? City { get; set; }

    /// <summary>State, province or county, up to 100 characters.</summary>
    public string? Region { get; set; }

    /// <summary>Up to 20 characters, as written locally.</summary>
    public string? PostalCode { get; set; }

    /// <summary>Country name or code, up to 100 characters.</summary>
    public string? Country { get; set; }

    /// <summary>Stored in E.164 form (+14155550100) when it can be read as a phone number.</summary>
    public string? Phone { get; set; }

    /// <summary>The user who owns the company; on create the caller when left out.</summary>
    public Guid? OwnerId { get; set; }

    /// <summary>Trimmed and kept once each, whatever their case.</summary>
    public List<string>? Tags { get; set; }

    /// <summary>Up to 10,000 characters.</summary>
    public string? Notes { get; set; }

    /// <summary>Values of company custom fields by key; null keeps the stored values.</summary>
    public Dictionary<string, System.Text.Json.JsonElement>? CustomFields { get; set; }

    /// <summary>On edit, the version that was read: a save over someone else's newer change is refused with 409.</summary>
    public uint? Version { get; set; }
}

internal sealed class CompanyInputValidator : AbstractValidator<CompanyInput>
{
    public CompanyInputValidator(ContactPointNormalizer normalizer)
    {
        RuleFor(c => c.Name)
            .NotEmpty().WithMessage("Give the company a name.")
            .MaximumLength(200).WithMessage("The name can be at most 200 characters.");
        RuleFor(c => c.Domain)
            .Must(d => string.IsNullOrWhiteSpace(d) || ContactPointNormalizer.NormalizeDomain(d) is not null)
            .WithMessage(c => $"'{c.Domain}' is not a domain name such as example.com.");
        RuleFor(c => c.Industry).MaximumLength(100).WithMessage("The industry can be at most 100 characters.");
        RuleFor(c => c.Employees).InclusiveBetween(0, 10_000_000).WithMessage("The number of employees must be between 0 and 10,000,000.");
        RuleFor(c => c.Street).MaximumLength(200).WithMessage("The street can be at most 200 characters.");
        RuleFor(c => c.City).MaximumLength(100).WithMessage("The city can be at most 100 characters.");
        RuleFor(c => c.Region).MaximumLength(100).WithMessage("The region can be at most 100 characters.");
        RuleFor(c => c.PostalCode).MaximumLength(20).WithMessage("The postal code can be at most 20 characters.");
        RuleFor(c => c.Country).MaximumLength(100).WithMessage("The country can be at most 100 characters.");
        RuleFor(c => c.Phone)
            .Must(p => string.IsNullOrWhiteSpace(p) || normalizer.NormalizePhone(p) is not null)
            .WithMessage(c => $"'{c.Phone}' is not a phone number we can read; include the country code, e.g. +1 415 555 0100.");
        RuleFor(c => c.Notes).MaximumLength(10_000).WithMessage("Notes can be at most 10,000 characters.");
        RuleFor(c => c.Tags).Must(t => t is null || t.Count <= ContactInputValidator.MaxTags)
            .WithMessage($"A record can have at most {ContactInputValidator.MaxTags} tags.");
        RuleForEach(c => c.Tags).Must(t => !string.IsNullOrWhiteSpace(t) && t.Trim().Length <= 50).WithMessage("Tags must be 1 to 50 characters.");
    }
}

public sealed record CompanyDto(
    Guid Id, string Name, string? Domain, string? Industry, int? Employees, string? Street, string? City, string? Region,
    string? PostalCode, string? Country, string? Phone, Guid? OwnerId, string? OwnerName, IReadOnlyList<string> Tags, string? Notes,
    int ContactCount, IReadOnlyDictionary<string, object?> CustomFields, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, uint Version);
