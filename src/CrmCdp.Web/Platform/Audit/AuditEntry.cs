using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Platform.Audit;

/// <summary>
/// One line of the append-only audit log: who did what to which record, and the field's value before and after.
/// A database trigger refuses updates and deletes (see the migration that creates the table).
/// </summary>
internal sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The acting user (for an API key, the user who created it); null for the system or an unknown sign-in.</summary>
    public Guid? UserId { get; set; }

    /// <summary>Who acted, as shown: an email, "API key …" or "system".</summary>
    public string? Actor { get; set; }

    /// <summary>A dotted action name such as <c>auth.signin.failed</c> or <c>crm.contact.updated</c>; see <see cref="AuditActions"/>.</summary>
    public string Action { get; set; } = "";

    public string? RecordType { get; set; }

    public string? RecordId { get; set; }

    public string? Field { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }

    /// <summary>A sentence for people, e.g. "Exported 1,204 contacts".</summary>
    public string? Summary { get; set; }

    public string? IpAddress { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("admin_audit_log");
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.Property(e => e.Actor).HasMaxLength(256);
        builder.Property(e => e.Action).HasMaxLength(100);
        builder.Property(e => e.RecordType).HasMaxLength(50);
        builder.Property(e => e.RecordId).HasMaxLength(100);
        builder.Property(e => e.Field).HasMaxLength(100);
        builder.Property(e => e.Before).HasMaxLength(2000);
        builder.Property(e => e.After).HasMaxLength(2000);
        builder.Property(e => e.Summary).HasMaxLength(1000);
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.UserId, e.At });
        builder.HasIndex(e => new { e.Action, e.At });
        builder.HasIndex(e => e.RecordId);
    }
}
