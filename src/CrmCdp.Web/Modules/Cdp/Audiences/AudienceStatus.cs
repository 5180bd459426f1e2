namespace CrmCdp.Web.Modules.Cdp.Audiences;

/// <summary>How far behind segment membership is, read from the queue so every instance shows the same (for the CDP overview).</summary>
internal sealed class AudienceStatus(IDbContextFactory<AppDbContext> dbFactory, TimeProvider timeProvider)
{
    /// <summary>The profiles waiting and the age of the oldest; nothing for a caller who may not read profiles.</summary>
    public async Task<(long Waiting, TimeSpan Lag)?> CurrentAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.ProfilesRead))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var waiting = await db.Set<AudienceQueueEntry>().Select(q => q.ProfileId).Distinct().LongCountAsync(cancellationToken);
        var oldest = await db.Set<AudienceQueueEntry>().OrderBy(q => q.Id).Select(q => (DateTimeOffset?)q.QueuedAt).FirstOrDefaultAsync(cancellationToken);
        return oldest is { } first ? (waiting, timeProvider.GetUtcNow() - first) : (0, TimeSpan.Zero);
    }
}
