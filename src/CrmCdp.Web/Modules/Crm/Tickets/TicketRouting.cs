using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Crm.Tickets;

internal enum AssignmentMode
{
    Manual,
    RoundRobin,
    LeastOpen,
}

/// <summary>How a team's new unassigned tickets get an assignee.</summary>
internal sealed class TeamRouting
{
    public Guid TeamId { get; set; }

    public AssignmentMode Mode { get; set; }

    /// <summary>Round robin: who got the last ticket.</summary>
    public Guid? LastAssignedUserId { get; set; }
}

internal sealed class TeamRoutingConfiguration : IEntityTypeConfiguration<TeamRouting>
{
    public void Configure(EntityTypeBuilder<TeamRouting> builder)
    {
        builder.ToTable("crm_team_routing");
        builder.HasKey(r => r.TeamId);
        builder.Property(r => r.Mode).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Platform.Auth.Team>().WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Picks the assignee of a new ticket routed to a team: round robin in a stable order, or the member with the fewest
/// unsolved tickets; members marked away or deactivated are skipped. Runs in the caller's transaction.
/// </summary>
internal static class TicketAssignment
{
    public static async Task<Guid?> PickAsync(AppDbContext db, Guid teamId, CancellationToken cancellationToken)
    {
        var routing = await db.Set<TeamRouting>().SingleOrDefaultAsync(r => r.TeamId == teamId, cancellationToken);
        if (routing is null || routing.Mode == AssignmentMode.Manual)
        {
            return null;
        }

        var members = await Common.TeamRoundRobin.AvailableMembersAsync(db, teamId, cancellationToken);
        if (members.Count == 0)
        {
            return null;
        }

        Guid pick;
        if (routing.Mode == AssignmentMode.RoundRobin)
        {
            pick = Common.TeamRoundRobin.Next(members, routing.LastAssignedUserId);
        }
        else
        {
            var open = await db.Set<Ticket>().Where(t => t.OwnerId != null && members.Contains(t.OwnerId.Value) && t.SolvedAt == null)
                .GroupBy(t => t.OwnerId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
            pick = members.OrderBy(m => open.GetValueOrDefault(m)).ThenBy(m => m).First();
        }

        routing.LastAssignedUserId = pick;
        return pick;
    }
}
