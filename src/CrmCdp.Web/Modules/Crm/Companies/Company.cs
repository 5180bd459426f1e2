using CrmCdp.Web.Modules.Crm.Bulk;
using CrmCdp.Web.Modules.Crm.Common.Records;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Crm.Companies;

internal sealed class Company : ITaggedRecord, ICustomFieldRecord
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string? Domain { get; set; }

    public string? Industry { get; set; }

    /// <summary>Number of employees, when known.</summary>
    public int? Employees { get; set; }

    public string? Street { get; set; }

    public string? City { get; set; }

    public string? Region { get; set; }

    public string? PostalCode { get; set; }

    public string? Country { get; set; }

    public string? Phone { get; set; }

    public Guid? OwnerId { get; set; }

    public List<string> Tags { get; set; } = [];

    public string? Notes { get; set; }

    /// <summary>Values of the admin-defined custom fields for companies, as a JSON object.</summary>
    public string CustomFieldsJson { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>PostgreSQL's xmin: changes on every update, so a stale edit is detected.</summary>
    public uint Version { get; set; }
}

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> builder)
    {
        builder.ToTable("crm_companies");
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Domain).HasMaxLength(253);
        builder.Property(c => c.Industry).HasMaxLength(100);
        builder.Property(c => c.Street).HasMaxLength(200);
        builder.Property(c => c.City).HasMaxLength(100);
        builder.Property(c => c.Region).HasMaxLength(100);
        builder.Property(c => c.PostalCode).HasMaxLength(20);
        builder.Property(c => c.Country).HasMaxLength(100);
        builder.Property(c => c.Phone).HasMaxLength(20);
        builder.Property(c => c.Notes).HasMaxLength(10_000);
        builder.Property(c => c.Version).IsRowVersion();
        builder.Property(c => c.CustomFieldsJson).HasColumnName("custom_fields").HasColumnType("jsonb").HasDefaultValueSql("'{}'::jsonb");
        builder.HasIndex(c => c.CustomFieldsJson).HasMethod("gin").HasOperators("jsonb_path_ops");
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasQueryFilter(c => c.DeletedAt == null);
        builder.HasIndex(c => c.Name).HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.HasIndex(c => c.Domain);
        builder.HasIndex(c => new { c.OwnerId, c.UpdatedAt });
        builder.HasIndex(c => new { c.UpdatedAt, c.Id }).IsDescending().HasFilter("deleted_at IS NULL");
        builder.HasIndex(c => c.Tags).HasMethod("gin");
    }
}
