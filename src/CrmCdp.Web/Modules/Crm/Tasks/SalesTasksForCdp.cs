using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Modules.Crm.Contracts;
using CrmCdp.Web.Platform.Notifications;
using CrmCdp.Web.Platform.Text;

namespace CrmCdp.Web.Modules.Crm.Tasks;

internal sealed class SalesTasksForCdp(NotificationService notifications, TimeProvider timeProvider) : ICrmSalesTasks
{
    public async Task<Guid?> AddFollowUpAsync(AppDbContext db, Guid contactId, string title, string notes, DateTimeOffset dueAt, string origin, Guid? ownerId = null, CancellationToken cancellationToken = default)
    {
        var contact = await db.Set<Contact>().Where(c => c.Id == contactId).Select(c => new { c.OwnerId, c.CompanyId, c.FirstName, c.LastName, c.Emails }).SingleOrDefaultAsync(cancellationToken);
        if (contact is null)
        {
            return null;
        }

        var name = $"{contact.FirstName} {contact.LastName}".Trim() is { Length: > 0 } fullName ? fullName : contact.Emails.FirstOrDefault() ?? "a customer";
        var now = timeProvider.GetUtcNow();
        var task = new CrmTask
        {
            Id = Guid.CreateVersion7(),
            Title = TextLimit.Shorten(title.Replace("{name}", name, StringComparison.Ordinal), 300),
            Notes = TextLimit.Shorten(notes, 10_000),
            Type = CrmTaskType.Call,
            Priority = CrmTaskPriority.High,
            OwnerId = ownerId ?? contact.OwnerId,
            ContactId = contactId,
            DueAt = dueAt,
            Origin = origin is SalesTaskOrigins.Activation or SalesTaskOrigins.Journey ? origin : null,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(task);
        if (task.OwnerId is { } owner)
        {
            await notifications.AddAsync(db, owner, NotificationKinds.TaskAssigned, $"New task: {task.Title}", $"Due {dueAt:yyyy-MM-dd}", $"/crm/contacts/{contactId}", cancellationToken);
        }

        return task.Id;
    }

    public Task<bool> TeamExistsAsync(AppDbContext db, Guid teamId, CancellationToken cancellationToken = default) =>
        db.Teams.AnyAsync(t => t.Id == teamId, cancellationToken);

    public async Task<Guid?> NextTeamMemberAsync(AppDbContext db, Guid teamId, Guid? last, CancellationToken cancellationToken = default) =>
        await Common.TeamRoundRobin.AvailableMembersAsync(db, teamId, cancellationToken) is { Count: > 0 } members ? Common.TeamRoundRobin.Next(members, last) : null;
}
