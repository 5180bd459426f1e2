namespace CrmCdp.Web.Modules.Cdp.Ingestion;

/// <summary>What the collection API has stored recently, for the CDP overview.</summary>
internal sealed class IngestionStats(IDbContextFactory<AppDbContext> dbFactory, TimeProvider timeProvider)
{
    /// <summary>Events stored in the last <paramref name="window"/>, up to a day (their messageIds are kept for the de-duplication window); 0 for a caller who may not read profiles.</summary>
    public async Task<long> StoredWithinAsync(AccessContext access, TimeSpan window, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.ProfilesRead))
        {
            return 0;
        }

        var since = timeProvider.GetUtcNow() - (window > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : window);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Database.SqlQuery<long>($"SELECT count(*) AS \"Value\" FROM cdp_message_ids WHERE received_at >= {since}")
            .SingleAsync(cancellationToken);
    }
}
