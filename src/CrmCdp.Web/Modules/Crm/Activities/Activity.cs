using CrmCdp.Web.Modules.Crm.Common.Records;
using CrmCdp.Web.Modules.Crm.Companies;
using CrmCdp.Web.Modules.Crm.Contacts;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Crm.Activities;

internal enum ActivityType
{
    Note,
    Call,
    Email,
    Meeting,
}

internal enum CallOutcome
{
    Connected,
    LeftVoicemail,
    NoAnswer,
    WrongNumber,
    Busy,
}

/// <summary>Something that happened with a contact or company: a note, a call, a logged email, a meeting.</summary>
internal sealed class Activity : ICrmRecord, IAttachedRecord
{
    public Guid Id { get; set; }

    public ActivityType Type { get; set; }

    public Guid? ContactId { get; set; }

    public Guid? CompanyId { get; set; }

    public Guid? DealId { get; set; }

    public string? Subject { get; set; }

    public string Body { get; set; } = "";

    public DateTimeOffset OccurredAt { get; set; }

    public CallOutcome? CallOutcome { get; set; }

    public int? DurationMinutes { get; set; }

    public DateTimeOffset? EndsAt { get; set; }

    public List<string> Attendees { get; set; } = [];

    /// <summary>Who logged it.</summary>
    public Guid? OwnerId { get; set; }

    /// <summary>Only its owner sees it: mail captured from a personal mailbox stays its owner's.</summary>
    public bool IsPrivate { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }

    public uint Version { get; set; }
}

internal static class ActivityVisibility
{
    /// <summary>Leaves out other people's private activities; every read of activities goes through this.</summary>
    public static IQueryable<Activity> NotPrivateToOthers(this IQueryable<Activity> activities, AccessContext access)
    {
        var me = access.UserId;
        return activities.Where(a => !a.IsPrivate || (me != null && a.OwnerId == me));
    }
}

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        builder.ToTable("crm_activities");
        builder.HasOne<Pipeline.Deal>().WithMany().HasForeignKey(a => a.DealId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(a => new { a.DealId, a.OccurredAt });
        builder.Property(a => a.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.CallOutcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Subject).HasMaxLength(300);
        builder.Property(a => a.Body).HasMaxLength(50_000);
        builder.Property(a => a.Version).IsRowVersion();
        builder.HasOne<Contact>().WithMany().HasForeignKey(a => a.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Company>().WithMany().HasForeignKey(a => a.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasQueryFilter(a => a.DeletedAt == null);
        builder.HasIndex(a => new { a.ContactId, a.OccurredAt });
        builder.HasIndex(a => new { a.CompanyId, a.OccurredAt });
        builder.HasIndex(a => new { a.OwnerId, a.Type, a.OccurredAt });
    }
}
