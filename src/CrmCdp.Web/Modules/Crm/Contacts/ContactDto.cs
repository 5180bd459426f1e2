namespace CrmCdp.Web.Modules.Crm.Contacts;

/// <summary>A contact as the API and the pages show it.</summary>
public sealed record ContactDto(
    Guid Id,
    string FirstName,
    string LastName,
    string? Email,
    IReadOnlyList<string> Emails,
    IReadOnlyList<string> Phones,
    string? JobTitle,
    Guid? CompanyId,
    string? CompanyName,
    Guid? OwnerId,
    string? OwnerName,
    string LifecycleStage,
    string? LeadSource,
    IReadOnlyList<string> Tags,
    bool EmailConsent,
    bool SmsConsent,
    IReadOnlyDictionary<string, object?> CustomFields,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version)
{
    public string FullName => $"{FirstName} {LastName}".Trim();

    /// <summary>True when names, emails and phones are masked because the viewer may not see personal data.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool PiiMasked { get; init; }
}
