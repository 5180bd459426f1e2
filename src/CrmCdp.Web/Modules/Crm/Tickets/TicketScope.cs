
namespace CrmCdp.Web.Modules.Crm.Tickets;

/// <summary>
/// Ticket visibility: "own" reaches tickets assigned to the user; "team" also those assigned to teammates, those
/// routed to one of the user's teams, and unassigned tickets of no team (the shared queue); "all" everything.
/// </summary>
internal static class TicketScope
{
    public static IQueryable<Ticket> Within(AppDbContext db, AccessContext access, string permission)
    {
        var tickets = db.Set<Ticket>();
        switch (access.ScopeOf(permission))
        {
            case RecordScope.All:
                return tickets;
            case RecordScope.Team:
                var members = access.TeamMemberIds.ToList();
                var me = access.UserId ?? Guid.Empty;
                var teams = db.TeamMembers.Where(m => m.UserId == me).Select(m => m.TeamId).Union(db.Teams.Where(t => t.LeadUserId == me).Select(t => t.Id));
                return tickets.Where(t => (t.OwnerId != null && members.Contains(t.OwnerId.Value))
                    || (t.TeamId != null && teams.Contains(t.TeamId.Value))
                    || (t.OwnerId == null && t.TeamId == null));
            case RecordScope.Own when access.UserId is { } userId:
                return tickets.Where(t => t.OwnerId == userId);
            default:
                return tickets.Where(_ => false);
        }
    }
}
