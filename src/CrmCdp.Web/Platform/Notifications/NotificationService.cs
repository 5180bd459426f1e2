using CrmCdp.Web.Platform.Text;

namespace CrmCdp.Web.Platform.Notifications;

/// <summary>Notifications under the bell: added with the change they announce, unless the user muted their kind.</summary>
internal sealed class NotificationService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider timeProvider)
{
    /// <summary>Adds the notification to the caller's unit of work, so it is saved (or not) with the change it announces.</summary>
    public async Task AddAsync(AppDbContext db, Guid userId, string kind, string title, string? body, string? link, CancellationToken cancellationToken = default)
    {
        if (await db.Set<UserPreferences>().AnyAsync(p => p.UserId == userId && p.MutedNotifications.Contains(kind), cancellationToken))
        {
            return;
        }

        db.Add(new Notification
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Kind = kind,
            Title = TextLimit.Shorten(title, 300),
            Body = body is null ? null : TextLimit.Shorten(body, 2000),
            Link = link,
            CreatedAt = timeProvider.GetUtcNow(),
        });
    }

    /// <summary>The user's latest notifications, unread first.</summary>
    public async Task<IReadOnlyList<NotificationDto>> LatestAsync(Guid userId, int count = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Notification>().Where(n => n.UserId == userId)
            .OrderBy(n => n.ReadAt != null).ThenByDescending(n => n.CreatedAt).Take(count)
            .Select(n => new NotificationDto(n.Id, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt != null, n.Kind)).ToListAsync(cancellationToken);
    }

    public async Task<int> UnreadCountAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Notification>().CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);
    }

    public async Task MarkAllReadAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Set<Notification>().Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), cancellationToken);
    }
}
