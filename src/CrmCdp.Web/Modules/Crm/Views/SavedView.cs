using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Crm.Views;

/// <summary>A named list view (filters, columns, sort) kept for its owner, or shared with everyone.</summary>
internal sealed class SavedView
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    /// <summary>Which list: "contacts", "companies", "deals" or "tickets".</summary>
    public string List { get; set; } = "contacts";

    public string Name { get; set; } = "";

    public bool Shared { get; set; }

    /// <summary>The <see cref="ListViewState"/> as JSON.</summary>
    public string StateJson { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>What a list view remembers.</summary>
public sealed class ListViewState
{
    public string? Search { get; set; }

    public string? LifecycleStage { get; set; }

    public string? Tag { get; set; }

    public bool OnlyMine { get; set; }

    public Guid? OwnerId { get; set; }

    public string? Industry { get; set; }

    /// <summary>A custom field filter as key:value.</summary>
    public string? CustomField { get; set; }

    public Guid? PipelineId { get; set; }

    /// <summary>Deals: open, won or lost.</summary>
    public string? Outcome { get; set; }

    public Guid? TeamId { get; set; }

    /// <summary>Tickets: mine, unassigned or all.</summary>
    public string? Queue { get; set; }

    /// <summary>Tickets: a status such as open or pending.</summary>
    public string? Status { get; set; }

    /// <summary>Tickets: low, normal, high or urgent.</summary>
    public string? Priority { get; set; }

    /// <summary>The order, in the list's own words (tickets: due, newest, updated, priority).</summary>
    public string? Sort { get; set; }

    public List<string> Columns { get; set; } = [];
}

internal sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> builder)
    {
        builder.ToTable("crm_saved_views");
        builder.Property(v => v.List).HasMaxLength(20);
        builder.Property(v => v.Name).HasMaxLength(100);
        builder.Property(v => v.StateJson).HasColumnType("jsonb");
        builder.HasOne<AppUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => new { v.List, v.UserId });
    }
}
