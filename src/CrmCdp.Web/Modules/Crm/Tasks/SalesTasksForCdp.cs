using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Modules.Crm.Contracts;

namespace CrmCdp.Web.Modules.Crm.Tasks;

internal sealed class SalesTasksForCdp(TimeProvider timeProvider) : ICrmSalesTasks
{
    public async Task<Guid?> AddFollowUpAsync(AppDbContext db, Guid contactId, string title, string notes, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        var contact = await db.Set<Contact>().Where(c => c.Id == contactId).Select(c => new { c.OwnerId, c.CompanyId }).SingleOrDefaultAsync(cancellationToken);
        if (contact is null)
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        var task = new CrmTask
        {
            Id = Guid.CreateVersion7(),
            Title = Shorten(title, 300),
            Notes = Shorten(notes, 10_000),
            Type = CrmTaskType.Call,
            Priority = CrmTaskPriority.High,
            OwnerId = contact.OwnerId,
            ContactId = contactId,
            DueAt = dueAt,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(task);
        return task.Id;
    }

    /// <summary>Cuts at a whole character: half an emoji (a lone surrogate) cannot be stored as UTF-8.</summary>
    internal static string Shorten(string text, int max) =>
        text.Length <= max ? text : text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)];
}
