using CrmCdp.Web.Modules.Crm.Bulk;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Crm.Tickets;

internal enum TicketPriority
{
    Low,
    Normal,
    High,
    Urgent,
}

internal enum TicketStatus
{
    New,
    Open,
    PendingCustomer,
    OnHold,
    Solved,
    Closed,
}

/// <summary>A support request; its assignee is its owner for own / team scopes.</summary>
internal sealed partial class Ticket : IBulkEditableRecord
{
    public Guid Id { get; set; }

    /// <summary>A short number for people ("#1042").</summary>
    public long Number { get; set; }

    public string Subject { get; set; } = "";

    public string Description { get; set; } = "";

    public Guid? ContactId { get; set; }

    public Guid? CompanyId { get; set; }

    public TicketPriority Priority { get; set; } = TicketPriority.Normal;

    public TicketStatus Status { get; set; } = TicketStatus.New;

    public string? Type { get; set; }

    public string? Channel { get; set; }

    public List<string> Tags { get; set; } = [];

    /// <summary>The assignee.</summary>
    public Guid? OwnerId { get; set; }

    public Guid? TeamId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }

    public DateTimeOffset FirstResponseDueAt { get; set; }

    public DateTimeOffset? FirstRespondedAt { get; set; }

    /// <summary>Null while the resolution clock is paused (pending customer).</summary>
    public DateTimeOffset? ResolutionDueAt { get; set; }

    /// <summary>Business minutes left on the resolution clock when it was paused.</summary>
    public int? ResolutionMinutesLeftWhenPaused { get; set; }

    public DateTimeOffset? SolvedAt { get; set; }

    public DateTimeOffset? FirstResponseBreachedAt { get; set; }

    public DateTimeOffset? ResolutionBreachedAt { get; set; }

    /// <summary>When the assignee was warned that a target is about to be missed.</summary>
    public DateTimeOffset? AtRiskNotifiedAt { get; set; }

    public uint Version { get; set; }
}

internal sealed class TicketReply
{
    public Guid Id { get; set; }

    public Guid TicketId { get; set; }

    public Guid? AuthorUserId { get; set; }

    public string Body { get; set; } = "";

    /// <summary>Internal notes are seen by agents only and do not count as a response.</summary>
    public bool IsInternal { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Targets per priority, in business minutes.</summary>
internal sealed class SlaPolicy
{
    public TicketPriority Priority { get; set; }

    public int FirstResponseMinutes { get; set; }

    public int ResolutionMinutes { get; set; }
}

/// <summary>The working calendar SLA clocks run on (one row).</summary>
internal sealed class SlaCalendar
{
    public int Id { get; set; }

    public string TimeZoneId { get; set; } = "UTC";

    public List<int> WorkDays { get; set; } = [1, 2, 3, 4, 5];

    public TimeOnly Opens { get; set; } = new(9, 0);

    public TimeOnly Closes { get; set; } = new(17, 0);

    public List<DateOnly> Holidays { get; set; } = [];

    public BusinessCalendar ToCalendar() => new()
    {
        TimeZoneId = TimeZoneId,
        WorkDays = WorkDays.Select(d => (DayOfWeek)(d % 7)).ToHashSet(),
        Opens = Opens,
        Closes = Closes,
        Holidays = Holidays.ToHashSet(),
    };
}

internal sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> builder)
    {
        builder.ToTable("crm_tickets");
        builder.Property(t => t.Number).UseIdentityAlwaysColumn();
        builder.Property(t => t.Subject).HasMaxLength(300);
        builder.Property(t => t.Description).HasMaxLength(50_000);
        builder.Property(t => t.Priority).HasConversion<string>().HasMaxLength(10);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Type).HasMaxLength(50);
        builder.Property(t => t.Channel).HasMaxLength(50);
        builder.Property(t => t.Version).IsRowVersion();
        builder.HasQueryFilter(t => t.DeletedAt == null);
        builder.HasIndex(t => t.Number).IsUnique();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(t => t.OwnerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Team>().WithMany().HasForeignKey(t => t.TeamId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Contacts.Contact>().WithMany().HasForeignKey(t => t.ContactId).OnDelete(DeleteBehavior.SetNull);
        // The queue and the SLA job read open tickets by due time.
        builder.HasIndex(t => new { t.OwnerId, t.ResolutionDueAt }).HasFilter("deleted_at IS NULL AND solved_at IS NULL");
        builder.HasIndex(t => t.FirstResponseDueAt).HasFilter("deleted_at IS NULL AND first_responded_at IS NULL AND first_response_breached_at IS NULL");
        builder.HasIndex(t => t.ResolutionDueAt).HasFilter("deleted_at IS NULL AND solved_at IS NULL AND resolution_breached_at IS NULL");
    }
}

internal sealed class TicketReplyConfiguration : IEntityTypeConfiguration<TicketReply>
{
    public void Configure(EntityTypeBuilder<TicketReply> builder)
    {
        builder.ToTable("crm_ticket_replies");
        builder.Property(r => r.Body).HasMaxLength(50_000);
        builder.HasIndex(r => new { r.TicketId, r.CreatedAt });
        builder.HasOne<Ticket>().WithMany().HasForeignKey(r => r.TicketId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SlaPolicyConfiguration : IEntityTypeConfiguration<SlaPolicy>
{
    public void Configure(EntityTypeBuilder<SlaPolicy> builder)
    {
        builder.ToTable("crm_sla_policies");
        builder.HasKey(p => p.Priority);
        builder.Property(p => p.Priority).HasConversion<string>().HasMaxLength(10);
    }
}

internal sealed class SlaCalendarConfiguration : IEntityTypeConfiguration<SlaCalendar>
{
    public void Configure(EntityTypeBuilder<SlaCalendar> builder)
    {
        builder.ToTable("crm_sla_calendar");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.TimeZoneId).HasMaxLength(100);
    }
}
