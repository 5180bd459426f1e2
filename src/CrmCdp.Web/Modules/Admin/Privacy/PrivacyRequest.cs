using CrmCdp.Web.Platform.Privacy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Admin.Privacy;

public enum PrivacyRequestKind
{
    Access,
    Erase,
    Suppress,
}

public enum PrivacyRequestStatus
{
    Requested,
    Running,
    Done,
    Failed,
}

/// <summary>A GDPR / CCPA request about one person, named by an identifier that is kept only hashed and masked.</summary>
internal sealed class PrivacyRequest
{
    public Guid Id { get; set; }

    public PrivacyRequestKind Kind { get; set; }

    public PersonIdentifierKind IdentifierKind { get; set; }

    public string IdentifierHash { get; set; } = "";

    public string IdentifierMasked { get; set; } = "";

    /// <summary>The identifier encrypted with data protection while the job needs it; cleared when the request ends.</summary>
    public string? ProtectedIdentifier { get; set; }

    public PrivacyRequestStatus Status { get; set; }

    public Guid? RequestedByUserId { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>What was found or changed, per store and table (no personal values).</summary>
    public string ReportJson { get; set; } = "{}";

    /// <summary>For access requests: the document of everything held about the person.</summary>
    public string? ResultJson { get; set; }

    public string? Failure { get; set; }
}

internal sealed class PrivacyRequestConfiguration : IEntityTypeConfiguration<PrivacyRequest>
{
    public void Configure(EntityTypeBuilder<PrivacyRequest> builder)
    {
        builder.ToTable("admin_privacy_requests");
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.IdentifierKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.IdentifierHash).HasMaxLength(64);
        builder.Property(r => r.IdentifierMasked).HasMaxLength(300);
        builder.Property(r => r.ReportJson).HasColumnType("jsonb");
        builder.Property(r => r.ResultJson).HasColumnType("jsonb");
        builder.HasIndex(r => r.RequestedAt);
    }
}
