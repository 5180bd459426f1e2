using CrmCdp.Web.Modules.Crm.Common;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Tickets;

public sealed record CountBy(string Key, int Count);

public sealed record WeekCompliance(DateOnly Week, double Percent, int Tickets);

/// <param name="Compliance">Per week: the share of tickets whose targets due that week were met.</param>
public sealed record SupportDashboard(
    IReadOnlyList<CountBy> OpenByStatus, IReadOnlyList<CountBy> OpenByPriority, IReadOnlyList<WeekCompliance> Compliance,
    double? MedianFirstResponseMinutes, double? MedianResolutionHours);

/// <summary>The support dashboard over the tickets the caller may see: counts grouped in the database, weekly compliance and medians over the period.</summary>
internal sealed class SupportStats(IDbContextFactory<AppDbContext> dbFactory, TimeProvider timeProvider)
{
    public async Task<SupportDashboard> DashboardAsync(AccessContext access, int weeks = 8, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tickets = TicketScope.Within(db, access, P.TicketsRead);
        var open = tickets.Where(t => t.SolvedAt == null);
        var byStatus = await open.GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byPriority = await open.GroupBy(t => t.Priority).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);

        var now = timeProvider.GetUtcNow();
        var since = now.AddDays(-7 * weeks);
        // A ticket counts in the week its first-response target fell due; it complied when answered in time and not breached on resolution.
        var due = await tickets.Where(t => t.FirstResponseDueAt >= since && t.FirstResponseDueAt < now)
            .Select(t => new { t.FirstResponseDueAt, Met = t.FirstResponseBreachedAt == null && t.ResolutionBreachedAt == null && (t.FirstRespondedAt != null && t.FirstRespondedAt <= t.FirstResponseDueAt) })
            .ToListAsync(cancellationToken);
        var compliance = due.GroupBy(t => WeekOf(t.FirstResponseDueAt))
            .OrderBy(g => g.Key)
            .Select(g => new WeekCompliance(g.Key, Math.Round(100.0 * g.Count(t => t.Met) / g.Count(), 1), g.Count()))
            .ToList();

        var responded = await tickets.Where(t => t.FirstRespondedAt != null && t.CreatedAt >= since)
            .Select(t => (t.FirstRespondedAt!.Value - t.CreatedAt).TotalMinutes).ToListAsync(cancellationToken);
        var solved = await tickets.Where(t => t.SolvedAt != null && t.CreatedAt >= since)
            .Select(t => (t.SolvedAt!.Value - t.CreatedAt).TotalHours).ToListAsync(cancellationToken);
        return new SupportDashboard(
            [.. byStatus.OrderBy(s => s.Key).Select(s => new CountBy(CrmEnumNames.Wire(s.Key), s.Count))],
            [.. byPriority.OrderByDescending(s => s.Key).Select(s => new CountBy(CrmEnumNames.Wire(s.Key), s.Count))],
            compliance, Median(responded), Median(solved));
    }

    private static DateOnly WeekOf(DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    internal static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        return Math.Round(values[values.Count / 2], 1);
    }
}
