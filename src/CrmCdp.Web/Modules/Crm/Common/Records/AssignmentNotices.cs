using CrmCdp.Web.Platform.Notifications;

namespace CrmCdp.Web.Modules.Crm.Common.Records;

/// <summary>Tells a user under the bell that a deal or ticket became theirs, unless they took it themselves.</summary>
internal sealed class AssignmentNotices(NotificationService notifications)
{
    /// <summary>Adds the notice to <paramref name="db"/>'s unit of work, so it is saved with the assignment.</summary>
    public async Task TellAsync(
        AppDbContext db, AccessContext access, CrmRecordType type, Guid id, string title, Guid? newOwner, Guid? oldOwner, CancellationToken cancellationToken)
    {
        if (newOwner is not { } owner || owner == oldOwner || owner == access.UserId)
        {
            return;
        }

        var (kind, noun, link) = type switch
        {
            CrmRecordType.Deal => (NotificationKinds.DealAssigned, "Deal", $"/crm/deals/{id}"),
            CrmRecordType.Ticket => (NotificationKinds.TicketAssigned, "Ticket", $"/crm/tickets/{id}"),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Only deals and tickets are assigned."),
        };
        await notifications.AddAsync(db, owner, kind, $"{noun} assigned to you: {title}", access.ActorName is { } by ? $"By {by}" : null, link, cancellationToken);
    }
}
