using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Crm.Timeline;

/// <summary>One field change on a record, shown on its timeline ("Owner changed from A to B").</summary>
internal sealed class RecordChange : IAuditedChange
{
    public long Id { get; set; }

    public CrmRecordType RecordType { get; set; }

    public Guid RecordId { get; set; }

    public Guid? UserId { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>A field name, or a lifecycle event such as "created", "deleted", "restored", "merged".</summary>
    public string Field { get; set; } = "";

    public string? OldValue { get; set; }

    public string? NewValue { get; set; }

    public AuditEntry ToAuditEntry() => new()
    {
        At = ChangedAt,
        UserId = UserId,
        Action = AuditActions.RecordChange(RecordType.ToString(), Field),
        RecordType = RecordType.ToString().ToLowerInvariant(),
        RecordId = RecordId.ToString(),
        Field = Field is "created" or "deleted" or "restored" or "merged" ? null : Field,
        Before = OldValue,
        After = NewValue,
    };
}

internal sealed class RecordChangeConfiguration : IEntityTypeConfiguration<RecordChange>
{
    public void Configure(EntityTypeBuilder<RecordChange> builder)
    {
        builder.ToTable("crm_record_changes");
        builder.Property(c => c.RecordType).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Field).HasMaxLength(100);
        builder.Property(c => c.OldValue).HasMaxLength(1000);
        builder.Property(c => c.NewValue).HasMaxLength(1000);
        builder.HasIndex(c => new { c.RecordType, c.RecordId, c.ChangedAt });
    }
}

/// <summary>The records a user opened lately, for "My day" and global search.</summary>
internal sealed class RecentView
{
    public Guid UserId { get; set; }

    public CrmRecordType RecordType { get; set; }

    public Guid RecordId { get; set; }

    public DateTimeOffset ViewedAt { get; set; }
}

internal sealed class RecentViewConfiguration : IEntityTypeConfiguration<RecentView>
{
    public void Configure(EntityTypeBuilder<RecentView> builder)
    {
        builder.ToTable("crm_recent_views");
        builder.HasKey(v => new { v.UserId, v.RecordType, v.RecordId });
        builder.Property(v => v.RecordType).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(v => new { v.UserId, v.ViewedAt });
    }
}
