using CrmCdp.Web.Modules.Crm.Bulk;
using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Common.Records;
using CrmCdp.Web.Modules.Crm.Companies;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Crm.Contacts;

internal sealed class Contact : ITaggedRecord, ICustomFieldRecord
{
    public Guid Id { get; set; }

    public string FirstName { get; set; } = "";

    public string LastName { get; set; } = "";

    /// <summary>Normalized (lower-case); the first is the primary email.</summary>
    public List<string> Emails { get; set; } = [];

    /// <summary>Normalized to E.164; the first is the primary phone.</summary>
    public List<string> Phones { get; set; } = [];

    public string? JobTitle { get; set; }

    public Guid? CompanyId { get; set; }

    public Company? Company { get; set; }

    public Guid? OwnerId { get; set; }

    public LifecycleStage LifecycleStage { get; set; } = LifecycleStage.Lead;

    public string? LeadSource { get; set; }

    public List<string> Tags { get; set; } = [];

    public bool EmailConsent { get; set; }

    public bool SmsConsent { get; set; }

    /// <summary>Values of the admin-defined custom fields, as a JSON object (jsonb, indexed for containment filters).</summary>
    public string CustomFieldsJson { get; set; } = "{}";

    /// <summary>Lower-cased names, emails and phones in one string, indexed with trigrams for quick search.</summary>
    public string SearchText { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }

    public uint Version { get; set; }

    public string FullName => $"{FirstName} {LastName}".Trim();

    public string? PrimaryEmail => Emails.Count > 0 ? Emails[0] : null;

    public void RefreshSearchText()
    {
        var text = string.Join(' ', [FirstName, LastName, .. Emails, .. Phones]).ToLowerInvariant();
        SearchText = text.Length <= SearchTextLength ? text : text[..SearchTextLength];
    }

    public const int SearchTextLength = 2000;
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.ToTable("crm_contacts");
        builder.Property(c => c.FirstName).HasMaxLength(100);
        builder.Property(c => c.LastName).HasMaxLength(100);
        builder.Property(c => c.JobTitle).HasMaxLength(150);
        builder.Property(c => c.LeadSource).HasMaxLength(100);
        builder.Property(c => c.LifecycleStage).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.SearchText).HasMaxLength(2000);
        builder.Property(c => c.CustomFieldsJson).HasColumnName("custom_fields").HasColumnType("jsonb").HasDefaultValueSql("'{}'::jsonb");
        builder.HasIndex(c => c.CustomFieldsJson).HasMethod("gin").HasOperators("jsonb_path_ops");
        builder.Property(c => c.Version).IsRowVersion();
        builder.Ignore(c => c.FullName);
        builder.Ignore(c => c.PrimaryEmail);
        builder.HasOne(c => c.Company).WithMany().HasForeignKey(c => c.CompanyId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasQueryFilter(c => c.DeletedAt == null);
        builder.HasIndex(c => c.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.HasIndex(c => c.Emails).HasMethod("gin");
        builder.HasIndex(c => c.Phones).HasMethod("gin");
        builder.HasIndex(c => c.Tags).HasMethod("gin");
        builder.HasIndex(c => c.CompanyId);
        builder.HasIndex(c => new { c.UpdatedAt, c.Id }).IsDescending().HasFilter("deleted_at IS NULL");
        builder.HasIndex(c => new { c.OwnerId, c.UpdatedAt, c.Id }).IsDescending(false, true, true).HasFilter("deleted_at IS NULL");
        builder.HasIndex(c => new { c.LifecycleStage, c.UpdatedAt }).HasFilter("deleted_at IS NULL");
        builder.HasIndex(c => new { c.LastName, c.FirstName, c.Id }).HasFilter("deleted_at IS NULL");
    }
}
