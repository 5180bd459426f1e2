using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Tickets;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Dashboards;

/// <param name="MedianFirstResponseMinutes">Over the agent's tickets created in the period and answered.</param>
/// <param name="MedianResolutionHours">Over the agent's tickets created in the period and solved.</param>
public sealed record AgentServiceLevels(Guid UserId, string Name, int Open, int Solved, int Breached, double? MedianFirstResponseMinutes, double? MedianResolutionHours);

/// <param name="CompliancePercent">Of the tickets whose first-response target fell due this week (since Monday, UTC), the share answered in time and not breached; null when none fell due.</param>
/// <param name="Breaches">Tickets that breached a target this week.</param>
public sealed record SupportLeadDashboard(
    double? CompliancePercent, int DueThisWeek, int Breaches, IReadOnlyList<CountBy> BacklogByPriority, IReadOnlyList<AgentServiceLevels> Agents, int PeriodDays);

/// <summary>A support lead's home: this week's service levels, the backlog by priority, and each agent's response and resolution times.</summary>
internal sealed class SupportLeadDashboards(IDbContextFactory<AppDbContext> dbFactory, UserDirectory users, TimeProvider timeProvider)
{
    public const int PeriodDays = 28;

    public async Task<SupportLeadDashboard?> LeadAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        if (access.ScopeOf(P.TicketsRead) is not (RecordScope.Team or RecordScope.All))
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var monday = new DateTimeOffset(today.AddDays(-(((int)today.DayOfWeek + 6) % 7)).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var since = now.AddDays(-PeriodDays);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tickets = TicketScope.Within(db, access, P.TicketsRead);
        var due = await tickets.Where(t => t.FirstResponseDueAt >= monday && t.FirstResponseDueAt < now)
            .Select(t => t.FirstResponseBreachedAt == null && t.ResolutionBreachedAt == null && t.FirstRespondedAt != null && t.FirstRespondedAt <= t.FirstResponseDueAt)
            .ToListAsync(cancellationToken);
        var breaches = await tickets.CountAsync(t => t.FirstResponseBreachedAt >= monday || t.ResolutionBreachedAt >= monday, cancellationToken);
        var backlog = await tickets.Where(t => t.SolvedAt == null).GroupBy(t => t.Priority).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var open = await tickets.Where(t => t.SolvedAt == null && t.OwnerId != null).GroupBy(t => t.OwnerId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key!.Value, g => g.Count, cancellationToken);
        var recent = await tickets.Where(t => t.CreatedAt >= since && t.OwnerId != null)
            .Select(t => new { OwnerId = t.OwnerId!.Value, t.CreatedAt, t.FirstRespondedAt, t.SolvedAt, Breached = t.FirstResponseBreachedAt != null || t.ResolutionBreachedAt != null })
            .ToListAsync(cancellationToken);
        var agents = open.Keys.Union(recent.Select(r => r.OwnerId)).ToList();
        var names = await users.NamesAsync(agents.Select(a => (Guid?)a), cancellationToken);
        return new SupportLeadDashboard(
            due.Count == 0 ? null : Math.Round(100.0 * due.Count(met => met) / due.Count, 1), due.Count, breaches,
            [.. Enum.GetValues<TicketPriority>().Reverse().Select(p => new CountBy(CrmEnumNames.Wire(p), backlog.FirstOrDefault(b => b.Key == p)?.Count ?? 0))],
            [.. agents.Select(agent =>
                {
                    var mine = recent.Where(r => r.OwnerId == agent).ToList();
                    return new AgentServiceLevels(agent, names.GetValueOrDefault(agent, "?"), open.GetValueOrDefault(agent), mine.Count(r => r.SolvedAt != null), mine.Count(r => r.Breached),
                        SupportStats.Median([.. mine.Where(r => r.FirstRespondedAt != null).Select(r => (r.FirstRespondedAt!.Value - r.CreatedAt).TotalMinutes)]),
                        SupportStats.Median([.. mine.Where(r => r.SolvedAt != null).Select(r => (r.SolvedAt!.Value - r.CreatedAt).TotalHours)]));
                })
                .OrderBy(a => a.Name, StringComparer.Ordinal)],
            PeriodDays);
    }
}
