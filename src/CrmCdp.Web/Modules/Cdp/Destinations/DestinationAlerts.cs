using CrmCdp.Web.Platform.Audit;
using CrmCdp.Web.Platform.Notifications;

namespace CrmCdp.Web.Modules.Cdp.Destinations;

/// <summary>Tells the people who manage destinations, and the audit log, that the platform switched one off.</summary>
[SystemAccess("The platform disables a destination whose receiver is gone or kept failing.")]
internal sealed class DestinationAlerts(IDbContextFactory<AppDbContext> dbFactory, NotificationService notifications, AuditLog audit)
{
    public async Task DisabledAsync(Destination destination, string reason, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var managers = await db.UserRoles
            .Where(ur => db.RolePermissions.Any(rp => rp.RoleId == ur.RoleId && rp.Permission == Permissions.Cdp.DestinationsManage)
                && db.Users.Any(u => u.Id == ur.UserId && u.DeactivatedAt == null))
            .Select(ur => ur.UserId).Distinct().ToListAsync(cancellationToken);
        foreach (var userId in managers)
        {
            await notifications.AddAsync(db, userId, NotificationKinds.DestinationDisabled, $"Destination “{destination.Name}” was switched off", reason, $"/cdp/destinations/{destination.Id}", cancellationToken);
        }

        audit.Add(db, new AuditEntry
        {
            Action = AuditActions.DestinationChanged,
            RecordType = "destination",
            RecordId = destination.Id.ToString(),
            Summary = $"Disabled {destination.Name}: {reason}",
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
