namespace CrmCdp.Web.Modules.Crm.Common;

/// <summary>Who in a team can take new work now, and whose turn it is.</summary>
internal static class TeamRoundRobin
{
    /// <summary>The team's members who are neither away nor deactivated, in a stable order.</summary>
    public static Task<List<Guid>> AvailableMembersAsync(AppDbContext db, Guid teamId, CancellationToken cancellationToken) =>
        db.TeamMembers.Where(m => m.TeamId == teamId)
            .Join(db.Users.Where(u => !u.IsAway && u.DeactivatedAt == null), m => m.UserId, u => u.Id, (m, _) => m.UserId)
            .OrderBy(id => id).ToListAsync(cancellationToken);

    /// <summary>The member after the one who got the last piece of work (the first when they left or nobody had it).</summary>
    public static Guid Next(List<Guid> members, Guid? last)
    {
        var index = last is { } previous ? members.IndexOf(previous) : -1;
        return members[(index + 1) % members.Count];
    }
}
