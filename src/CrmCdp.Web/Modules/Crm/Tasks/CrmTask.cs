using CrmCdp.Web.Modules.Crm.Common.Records;
using CrmCdp.Web.Modules.Crm.Companies;
using CrmCdp.Web.Modules.Crm.Contacts;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Crm.Tasks;

internal enum CrmTaskType
{
    Call,
    Email,
    ToDo,
    FollowUp,
}

internal enum CrmTaskPriority
{
    Low,
    Normal,
    High,
}

internal enum CrmTaskStatus
{
    Open,
    Done,
}

internal sealed class CrmTask : ICrmRecord, IAttachedRecord
{
    public Guid Id { get; set; }

    public string Title { get; set; } = "";

    public CrmTaskType Type { get; set; } = CrmTaskType.ToDo;

    public DateTimeOffset DueAt { get; set; }

    public CrmTaskPriority Priority { get; set; } = CrmTaskPriority.Normal;

    public CrmTaskStatus Status { get; set; } = CrmTaskStatus.Open;

    public Guid? OwnerId { get; set; }

    public Guid? ContactId { get; set; }

    public Guid? CompanyId { get; set; }

    public Guid? DealId { get; set; }

    public DateTimeOffset? ReminderAt { get; set; }

    /// <summary>When the reminder notification went out; null while it is pending.</summary>
    public DateTimeOffset? ReminderSentAt { get; set; }

    public string? Notes { get; set; }

    /// <summary>What made the task when not a person: <see cref="Contracts.SalesTaskOrigins"/>.</summary>
    public string? Origin { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }

    public uint Version { get; set; }

    public bool IsOverdueAt(DateTimeOffset now) => Status == CrmTaskStatus.Open && DueAt < now;
}

internal sealed class CrmTaskConfiguration : IEntityTypeConfiguration<CrmTask>
{
    public void Configure(EntityTypeBuilder<CrmTask> builder)
    {
        builder.ToTable("crm_tasks");
        builder.HasOne<Pipeline.Deal>().WithMany().HasForeignKey(t => t.DealId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(t => t.DealId);
        builder.Property(t => t.Title).HasMaxLength(300);
        builder.Property(t => t.Notes).HasMaxLength(10_000);
        builder.Property(t => t.Origin).HasMaxLength(20);
        builder.Property(t => t.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Priority).HasConversion<string>().HasMaxLength(10);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(t => t.Version).IsRowVersion();
        builder.HasOne<Contact>().WithMany().HasForeignKey(t => t.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Company>().WithMany().HasForeignKey(t => t.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(t => t.OwnerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasQueryFilter(t => t.DeletedAt == null);
        builder.HasIndex(t => new { t.OwnerId, t.Status, t.DueAt });
        builder.HasIndex(t => t.ReminderAt).HasFilter("reminder_sent_at IS NULL AND status = 'Open' AND deleted_at IS NULL");
        builder.HasIndex(t => new { t.ContactId, t.Status, t.DueAt });
        builder.HasIndex(t => new { t.CompanyId, t.Status, t.DueAt });
    }
}
