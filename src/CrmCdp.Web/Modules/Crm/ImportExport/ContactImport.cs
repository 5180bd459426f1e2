using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Crm.ImportExport;

public enum ImportMode
{
    Create,
    Update,
    CreateOrUpdate,
}

public enum ImportStatus
{
    Uploaded,
    Queued,
    Running,
    Completed,
    Failed,
}

public sealed record ImportRowError(int Row, string Message);

/// <summary>An uploaded contacts CSV, its column mapping, and the progress and report of its import.</summary>
internal sealed class ContactImport
{
    public const int MaxReportedErrors = 1000;

    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public string FileName { get; set; } = "";

    /// <summary>The file as uploaded; read back as a stream by the import job.</summary>
    public byte[] Content { get; set; } = [];

    /// <summary>CSV header → contact field (see <see cref="ContactImportFields"/>), as JSON.</summary>
    public string MappingJson { get; set; } = "{}";

    public ImportMode Mode { get; set; } = ImportMode.CreateOrUpdate;

    public ImportStatus Status { get; set; } = ImportStatus.Uploaded;

    public int TotalRows { get; set; }

    public int ProcessedRows { get; set; }

    public int Created { get; set; }

    public int Updated { get; set; }

    public int Skipped { get; set; }

    /// <summary>The first <see cref="MaxReportedErrors"/> row errors, as JSON.</summary>
    public string ErrorsJson { get; set; } = "[]";

    public Dictionary<string, string> Mapping
    {
        get => System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(MappingJson) ?? [];
        set => MappingJson = System.Text.Json.JsonSerializer.Serialize(value);
    }

    public List<ImportRowError> Errors
    {
        get => System.Text.Json.JsonSerializer.Deserialize<List<ImportRowError>>(ErrorsJson) ?? [];
        set => ErrorsJson = System.Text.Json.JsonSerializer.Serialize(value);
    }

    public string? Failure { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}

internal sealed class ContactImportConfiguration : IEntityTypeConfiguration<ContactImport>
{
    public void Configure(EntityTypeBuilder<ContactImport> builder)
    {
        builder.ToTable("crm_contact_imports");
        builder.Property(i => i.FileName).HasMaxLength(260);
        builder.Property(i => i.MappingJson).HasColumnType("jsonb");
        builder.Property(i => i.ErrorsJson).HasColumnType("jsonb");
        builder.Ignore(i => i.Mapping);
        builder.Ignore(i => i.Errors);
        builder.Property(i => i.Mode).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Failure).HasMaxLength(2000);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => new { i.UserId, i.CreatedAt });
    }
}

/// <summary>The contact fields a CSV column can be mapped to, and header spellings matched to them automatically.</summary>
internal static class ContactImportFields
{
    public const string Ignore = "";

    public static IReadOnlyList<(string Field, string Label, string[] Headers)> All { get; } =
    [
        ("firstName", "First name", ["firstname", "first", "givenname", "forename"]),
        ("lastName", "Last name", ["lastname", "last", "surname", "familyname"]),
        ("fullName", "Full name (split)", ["name", "fullname", "contactname"]),
        ("email", "Email", ["email", "emailaddress", "mail", "primaryemail"]),
        ("otherEmails", "Other emails", ["otheremails", "secondaryemail", "email2"]),
        ("phones", "Phones", ["phone", "phones", "phonenumber", "mobile", "telephone", "tel"]),
        ("jobTitle", "Job title", ["jobtitle", "title", "position", "role"]),
        ("company", "Company", ["company", "companyname", "organization", "organisation", "account"]),
        ("lifecycleStage", "Lifecycle stage", ["lifecyclestage", "stage", "status"]),
        ("leadSource", "Lead source", ["leadsource", "source"]),
        ("tags", "Tags", ["tags", "tag", "labels"]),
        ("emailConsent", "Email consent", ["emailconsent", "optin", "marketingconsent"]),
        ("smsConsent", "SMS consent", ["smsconsent"]),
    ];

    public static string AutoMatch(string header)
    {
        var key = new string([.. header.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
        return All.FirstOrDefault(f => f.Headers.Contains(key)).Field ?? Ignore;
    }
}
