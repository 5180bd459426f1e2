using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Crm.ImportExport;

public enum ExportStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>A large export produced by a background job; the finished CSV is kept for its requester to download.</summary>
internal sealed class ContactExport
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    /// <summary>The list filter as JSON.</summary>
    public string FilterJson { get; set; } = "{}";

    public string? Columns { get; set; }

    public ExportStatus Status { get; set; }

    public int Rows { get; set; }

    public byte[]? Content { get; set; }

    public string? Failure { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}

internal sealed class ContactExportConfiguration : IEntityTypeConfiguration<ContactExport>
{
    public void Configure(EntityTypeBuilder<ContactExport> builder)
    {
        builder.ToTable("crm_contact_exports");
        builder.Property(e => e.FilterJson).HasColumnType("jsonb");
        builder.Property(e => e.Columns).HasMaxLength(500);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Failure).HasMaxLength(2000);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.UserId, e.CreatedAt });
    }
}

public sealed record ExportDto(Guid Id, ExportStatus Status, int Rows, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, string? Failure);
