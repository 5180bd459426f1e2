using CrmCdp.Web.Platform.Notifications;

namespace CrmCdp.Web.Modules.Crm.Activities;

/// <summary>Tells each colleague a note mentions (<c>@name</c>) under the bell, with a link to the record the note is on.</summary>
internal sealed class MentionNotices(NotificationService notifications)
{
    /// <summary>Adds the notices to <paramref name="db"/>'s unit of work, so they are saved with the note.</summary>
    public async Task TellAsync(AppDbContext db, AccessContext access, Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Body is not { } body || !body.Contains('@', StringComparison.Ordinal))
        {
            return;
        }

        var colleagues = await db.Users.Where(u => u.DeactivatedAt == null)
            .Select(u => new Mentionable(u.Id, u.DisplayName, u.Email)).ToListAsync(cancellationToken);
        var link = activity.DealId is { } deal ? $"/crm/deals/{deal}"
            : activity.ContactId is { } contact ? $"/crm/contacts/{contact}"
            : activity.CompanyId is { } company ? $"/crm/companies/{company}"
            : null;
        foreach (var mentioned in Mentions.In(body, colleagues).Where(id => id != access.UserId))
        {
            await notifications.AddAsync(db, mentioned, NotificationKinds.Mention, $"{access.ActorName ?? "A colleague"} mentioned you", body, link, cancellationToken);
        }
    }
}
