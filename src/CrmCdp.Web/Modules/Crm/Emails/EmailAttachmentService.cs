using CrmCdp.Web.Modules.Crm.Activities;
using CrmCdp.Web.Modules.Crm.Tickets;
using CrmCdp.Web.Platform.Email.Inbound;

namespace CrmCdp.Web.Modules.Crm.Emails;

public sealed record EmailAttachmentDto(Guid Id, string FileName, string ContentType, long Size, bool Stored, string? Note);

internal sealed record AttachmentDownload(string FileName, byte[] Content);

/// <summary>
/// The files customers attached to mail: listed and downloaded only by someone who may read what the mail became (the
/// email on a timeline, private ones included, or the ticket); mail that became neither, only by email admins.
/// </summary>
internal sealed class EmailAttachmentService(IDbContextFactory<AppDbContext> dbFactory, ActivityService activities, TicketService tickets)
{
    public async Task<IReadOnlyList<EmailAttachmentDto>> ForTicketAsync(AccessContext access, Guid ticketId, CancellationToken cancellationToken = default)
    {
        if ((await tickets.GetAsync(access, ticketId, cancellationToken)).Value is null)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Rows(db, db.Set<InboundEmail>().Where(e => e.TicketId == ticketId)).Select(r => r.Attachment).ToListAsync(cancellationToken);
    }

    /// <summary>The attachments of the emails these (already visible) activities logged, by activity.</summary>
    public static async Task<Dictionary<Guid, List<EmailAttachmentDto>>> ForActivitiesAsync(AppDbContext db, IReadOnlyCollection<Guid> activityIds, CancellationToken cancellationToken)
    {
        if (activityIds.Count == 0)
        {
            return [];
        }

        var rows = await Rows(db, db.Set<InboundEmail>().Where(e => e.ActivityId != null && activityIds.Contains(e.ActivityId.Value))).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.ActivityId!.Value).ToDictionary(g => g.Key, g => g.Select(r => r.Attachment).ToList());
    }

    public async Task<OperationResult<AttachmentDownload>> DownloadAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Crm.ActivitiesRead) && !access.Has(Permissions.Crm.TicketsRead) && !access.Has(Permissions.Admin.EmailManage))
        {
            return OperationResult<AttachmentDownload>.Forbidden("Your role cannot read email.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.Set<InboundAttachment>().Where(a => a.Id == id)
            .Join(db.Set<InboundEmail>(), a => a.InboundEmailId, e => e.Id, (a, e) => new { a.FileName, a.Content, e.ActivityId, e.TicketId })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null || !await MayReadAsync(access, found.ActivityId, found.TicketId, cancellationToken))
        {
            return OperationResult<AttachmentDownload>.NotFound();
        }

        return found.Content is null
            ? OperationResult<AttachmentDownload>.Invalid(new Dictionary<string, string[]> { ["id"] = ["This attachment was over the size limit: only its name and size were kept."] })
            : OperationResult<AttachmentDownload>.Ok(new AttachmentDownload(found.FileName, found.Content));
    }

    private async Task<bool> MayReadAsync(AccessContext access, Guid? activityId, Guid? ticketId, CancellationToken cancellationToken) =>
        activityId is { } activity ? (await activities.GetAsync(access, activity, cancellationToken)).Value is not null
        : ticketId is { } ticket ? (await tickets.GetAsync(access, ticket, cancellationToken)).Value is not null
        : access.Has(Permissions.Admin.EmailManage);

    private static IQueryable<AttachmentRow> Rows(AppDbContext db, IQueryable<InboundEmail> emails) =>
        emails.Join(db.Set<InboundAttachment>(), e => e.Id, a => a.InboundEmailId, (e, a) => new AttachmentRow(
            e.ActivityId, new EmailAttachmentDto(a.Id, a.FileName, a.ContentType, a.Size, a.Content != null, a.Note)));

    private sealed record AttachmentRow(Guid? ActivityId, EmailAttachmentDto Attachment);
}
