using System.Text.Json;
using System.Text.Json.Nodes;
using CrmCdp.Web.Modules.Cdp.Contracts;
using CrmCdp.Web.Modules.Cdp.Sources;

namespace CrmCdp.Web.Modules.Cdp.Ingestion;

/// <summary>Stores the product's own events as one batch of its built-in source, made on first use.</summary>
[SystemAccess("The product's own events: what sends them (a public form) has already checked its caller.")]
internal sealed partial class ProductEvents(
    IDbContextFactory<AppDbContext> dbFactory, SuppressionFilter suppression, IngestionWriter writer, IngestionMetrics metrics, TimeProvider timeProvider,
    ILogger<ProductEvents> logger) : IProductEvents
{
    private readonly HashSet<Guid> _ensured = [];

    public async Task<bool> SendAsync(ProductSource source, IReadOnlyList<JsonObject> events, CancellationToken cancellationToken = default)
    {
        await EnsureSourceAsync(source, cancellationToken);
        using var batch = JsonDocument.Parse(new JsonObject { ["batch"] = new JsonArray([.. events.Select(e => e.DeepClone())]) }.ToJsonString());
        var parsed = EventParser.Parse(batch.RootElement, null, source.Id, timeProvider.GetUtcNow());
        if (parsed.Problems.Count > 0)
        {
            LogRefused(logger, source.Name, string.Join("; ", parsed.Problems.Select(p => $"{p.Index}.{p.Field}: {p.Message}")));
        }

        var allowed = await suppression.KeepAllowedAsync(parsed.Events, cancellationToken);
        metrics.Suppressed(parsed.Events.Count - allowed.Count);
        if (allowed.Count == 0 || writer.TryWrite(allowed) is not { } pending)
        {
            return allowed.Count == 0;
        }

        try
        {
            var outcome = await pending.WaitAsync(cancellationToken);
            return outcome.Refused.Count == 0;
        }
#pragma warning disable CA1031 // A failed commit leaves the events to be sent again; the caller keeps what it owes.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogFailed(logger, ex, source.Name);
            return false;
        }
    }

    private async Task EnsureSourceAsync(ProductSource source, CancellationToken cancellationToken)
    {
        lock (_ensured)
        {
            if (_ensured.Contains(source.Id))
            {
                return;
            }
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Nobody holds its write key: the product writes to it directly, so no SDK can send as it.
        var keyHash = WriteKeys.Hash(WriteKeys.Generate());
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO cdp_sources (id, name, type, write_key_hash, write_key_prefix, enabled, created_at)
            VALUES ({source.Id}, {source.Name}, 'server', {keyHash}, 'built-in', TRUE, {timeProvider.GetUtcNow()})
            ON CONFLICT (id) DO NOTHING
            """, cancellationToken);
        lock (_ensured)
        {
            _ensured.Add(source.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The CDP refused some events of the built-in source {Source}: {Problems}")]
    private static partial void LogRefused(ILogger logger, string source, string problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The CDP could not store the events of the built-in source {Source} now; they are sent again later")]
    private static partial void LogFailed(ILogger logger, Exception exception, string source);
}
