using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Timeline;
using CrmCdp.Web.Platform.Jobs;
using CrmCdp.Web.Platform.Notifications;
using Hangfire;

namespace CrmCdp.Web.Modules.Crm.Tickets;

/// <summary>
/// Every minute: warns assignees of targets due within 30 minutes, and records breaches (first response,
/// resolution) once each, notifying the assignee and escalating to the team's lead. Breaches stay on the ticket.
/// </summary>
internal sealed class TicketSlaJob(IDbContextFactory<AppDbContext> dbFactory, NotificationService notifications, TimeProvider timeProvider)
    : IRecurringJobDefinition
{
    public const string Id = "crm:ticket-sla";
    private const int Batch = 1000;
    private static readonly TimeSpan AtRiskWindow = TimeSpan.FromMinutes(30);

    public void Register(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<TicketSlaJob>(Id, job => job.RunAsync(CancellationToken.None), Cron.Minutely());

    /// <summary>Serialises runs across instances and direct calls (pg_advisory_xact_lock key), so a breach is recorded and announced once.</summary>
    public const long RunLock = 0x5CA_0001;

    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RunLock})", cancellationToken);
        var now = timeProvider.GetUtcNow();
        var leads = await db.Teams.Where(t => t.LeadUserId != null).ToDictionaryAsync(t => t.Id, t => t.LeadUserId!.Value, cancellationToken);
        var firstResponse = await db.Set<Ticket>()
            .Where(t => t.FirstRespondedAt == null && t.SolvedAt == null && t.FirstResponseBreachedAt == null && t.FirstResponseDueAt < now)
            .OrderBy(t => t.FirstResponseDueAt).Take(Batch).ToListAsync(cancellationToken);
        var resolution = await db.Set<Ticket>()
            .Where(t => t.SolvedAt == null && t.ResolutionBreachedAt == null && t.ResolutionDueAt != null && t.ResolutionDueAt < now)
            .OrderBy(t => t.ResolutionDueAt).Take(Batch).ToListAsync(cancellationToken);
        var soon = now + AtRiskWindow;
        var atRisk = await db.Set<Ticket>()
            .Where(t => t.SolvedAt == null && t.AtRiskNotifiedAt == null && t.OwnerId != null
                && ((t.FirstRespondedAt == null && t.FirstResponseDueAt >= now && t.FirstResponseDueAt < soon) || (t.ResolutionDueAt >= now && t.ResolutionDueAt < soon)))
            .Take(Batch).ToListAsync(cancellationToken);

        foreach (var ticket in firstResponse)
        {
            ticket.FirstResponseBreachedAt = now;
            await BreachedAsync(db, ticket, "first response", leads, now, cancellationToken);
        }

        foreach (var ticket in resolution)
        {
            ticket.ResolutionBreachedAt = now;
            await BreachedAsync(db, ticket, "resolution", leads, now, cancellationToken);
        }

        foreach (var ticket in atRisk)
        {
            ticket.AtRiskNotifiedAt = now;
            await notifications.AddAsync(db, ticket.OwnerId!.Value, NotificationKinds.TicketSla, $"Ticket #{ticket.Number} is about to miss its SLA", ticket.Subject, $"/crm/tickets/{ticket.Id}", cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return firstResponse.Count + resolution.Count + atRisk.Count;
    }

    private async Task BreachedAsync(AppDbContext db, Ticket ticket, string target, Dictionary<Guid, Guid> leads, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.Add(new RecordChange { RecordType = CrmRecordType.Ticket, RecordId = ticket.Id, ChangedAt = now, Field = "SLA", NewValue = $"{target} target missed" });
        var link = $"/crm/tickets/{ticket.Id}";
        var title = $"Ticket #{ticket.Number} missed its {target} target";
        var told = new HashSet<Guid>();
        foreach (var user in new[] { ticket.OwnerId, ticket.TeamId is { } team && leads.TryGetValue(team, out var lead) ? lead : null }.OfType<Guid>())
        {
            if (told.Add(user))
            {
                await notifications.AddAsync(db, user, NotificationKinds.TicketSla, title, ticket.Subject, link, cancellationToken);
            }
        }
    }
}
