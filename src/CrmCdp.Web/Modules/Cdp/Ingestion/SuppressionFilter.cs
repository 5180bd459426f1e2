using CrmCdp.Web.Platform.Privacy;

namespace CrmCdp.Web.Modules.Cdp.Ingestion;

/// <summary>
/// Drops events that carry a suppressed identifier (user id, anonymous id or email) and counts them on the suppression.
/// The suppressed hashes are cached for a few seconds so the check costs no query per event.
/// </summary>
[SystemAccess("The collection API drops suppressed identifiers before anyone is known.")]
internal sealed class SuppressionFilter(IDbContextFactory<AppDbContext> dbFactory, SuppressionList list, TimeProvider timeProvider) : IDisposable
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Dictionary<string, Guid> _suppressed = [];
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;
    private long _loadedGeneration = -1;

    public async Task<List<IncomingEvent>> KeepAllowedAsync(List<IncomingEvent> events, CancellationToken cancellationToken)
    {
        var suppressed = await CurrentAsync(cancellationToken);
        if (suppressed.Count == 0)
        {
            return events;
        }

        var kept = new List<IncomingEvent>(events.Count);
        var dropped = new Dictionary<Guid, int>();
        foreach (var e in events)
        {
            var hit = Hashes(e).Select(h => suppressed.TryGetValue(h, out var id) ? id : (Guid?)null).FirstOrDefault(id => id is not null);
            if (hit is { } suppression)
            {
                dropped[suppression] = dropped.GetValueOrDefault(suppression) + 1;
            }
            else
            {
                kept.Add(e);
            }
        }

        if (dropped.Count > 0)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            foreach (var (id, count) in dropped)
            {
                await db.Set<Suppression>().Where(s => s.Id == id).ExecuteUpdateAsync(set => set.SetProperty(s => s.DroppedEvents, s => s.DroppedEvents + count), cancellationToken);
            }
        }

        return kept;
    }

    /// <summary>Whether any of a person's identifiers is suppressed (what goes out to destinations is checked as what comes in).</summary>
    public async Task<bool> AnySuppressedAsync(IEnumerable<PersonIdentifier> identifiers, CancellationToken cancellationToken)
    {
        var suppressed = await CurrentAsync(cancellationToken);
        return suppressed.Count > 0 && identifiers.Any(i => suppressed.ContainsKey(i.Hash()));
    }

    public void Dispose() => _refresh.Dispose();

    private static IEnumerable<string> Hashes(IncomingEvent e)
    {
        if (e.UserId is { } userId)
        {
            yield return new PersonIdentifier(PersonIdentifierKind.UserId, userId).Hash();
        }

        if (e.AnonymousId is { } anonymousId)
        {
            yield return new PersonIdentifier(PersonIdentifierKind.UserId, anonymousId).Hash();
        }

        if (e.Email is { } email)
        {
            yield return new PersonIdentifier(PersonIdentifierKind.Email, email).Hash();
        }
    }

    private async Task<Dictionary<string, Guid>> CurrentAsync(CancellationToken cancellationToken)
    {
        if (timeProvider.GetUtcNow() - _loadedAt < CacheLifetime && Interlocked.Read(ref _loadedGeneration) == list.Generation)
        {
            return _suppressed;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (timeProvider.GetUtcNow() - _loadedAt >= CacheLifetime || Interlocked.Read(ref _loadedGeneration) != list.Generation)
            {
                var generation = list.Generation;
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                _suppressed = await db.Set<Suppression>().Where(s => s.LiftedAt == null).ToDictionaryAsync(s => s.ValueHash, s => s.Id, cancellationToken);
                _loadedAt = timeProvider.GetUtcNow();
                Interlocked.Exchange(ref _loadedGeneration, generation);
            }
        }
        finally
        {
            _refresh.Release();
        }

        return _suppressed;
    }
}
