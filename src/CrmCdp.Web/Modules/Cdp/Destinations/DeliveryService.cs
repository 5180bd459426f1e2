using System.Globalization;
using System.Text.Json.Nodes;
using CrmCdp.Web.Platform.Audit;

namespace CrmCdp.Web.Modules.Cdp.Destinations;

/// <summary>A destination's delivery log, its health, replays, and the Test button.</summary>
internal sealed class DeliveryService(
    IDbContextFactory<AppDbContext> dbFactory, DeliveryStore store, WebhookClient client, AuditLog audit, TimeProvider timeProvider)
{
    public const int MaxPage = 200;
    private const string NotAllowed = "Your role cannot manage destinations.";

    public async Task<OperationResult<DeliveryPage>> ListAsync(AccessContext access, Guid destinationId, string? cursor, int? limit, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.DestinationsManage))
        {
            return OperationResult<DeliveryPage>.Forbidden(NotAllowed);
        }

        if (cursor is not null && !long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return OperationResult<DeliveryPage>.Invalid("cursor", "Pass the nextCursor of the previous page.");
        }

        if (limit is < 1 or > MaxPage)
        {
            return OperationResult<DeliveryPage>.Invalid("limit", $"The limit is 1 to {MaxPage}.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<Destination>().AnyAsync(d => d.Id == destinationId, cancellationToken))
        {
            return OperationResult<DeliveryPage>.NotFound();
        }

        var before = cursor is null ? long.MaxValue : long.Parse(cursor, CultureInfo.InvariantCulture);
        var size = limit ?? 50;
        var rows = await db.Set<Delivery>().AsNoTracking().Where(d => d.DestinationId == destinationId && d.Id < before)
            .OrderByDescending(d => d.Id).Take(size + 1).ToListAsync(cancellationToken);
        var page = rows.Take(size).Select(ToDto).ToList();
        return OperationResult<DeliveryPage>.Ok(new DeliveryPage(page, rows.Count > size ? page[^1].Id.ToString(CultureInfo.InvariantCulture) : null));
    }

    public async Task<OperationResult<DeliveryDetailDto>> GetAsync(AccessContext access, Guid destinationId, long deliveryId, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.DestinationsManage))
        {
            return OperationResult<DeliveryDetailDto>.Forbidden(NotAllowed);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var delivery = await db.Set<Delivery>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == deliveryId && d.DestinationId == destinationId, cancellationToken);
        if (delivery is null)
        {
            return OperationResult<DeliveryDetailDto>.NotFound();
        }

        var attempts = await db.Set<DeliveryAttempt>().AsNoTracking().Where(a => a.DeliveryId == deliveryId).OrderBy(a => a.Id)
            .Select(a => new DeliveryAttemptDto(a.At, a.StatusCode, a.LatencyMs, a.ResponseExcerpt, a.Error)).ToListAsync(cancellationToken);
        return OperationResult<DeliveryDetailDto>.Ok(new DeliveryDetailDto(ToDto(delivery), delivery.Payload, attempts));
    }

    /// <summary>Sends the deliveries again, with their webhook ids, now: one, or every one created in [from, to).</summary>
    public async Task<OperationResult<ReplayResult>> ReplayAsync(
        AccessContext access, Guid destinationId, long? deliveryId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.DestinationsManage))
        {
            return OperationResult<ReplayResult>.Forbidden(NotAllowed);
        }

        if (deliveryId is null && (from is null || to is null || from >= to))
        {
            return OperationResult<ReplayResult>.Invalid(from is null ? "from" : "to", "Give ?from= and ?to= (ISO 8601), from before to.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<Destination>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == destinationId, cancellationToken) is not { } destination)
        {
            return OperationResult<ReplayResult>.NotFound();
        }

        var now = timeProvider.GetUtcNow();
        var chosen = db.Set<Delivery>().Where(d => d.DestinationId == destinationId && d.Kind != DeliveryKinds.Test);
        chosen = deliveryId is { } id ? chosen.Where(d => d.Id == id) : chosen.Where(d => d.CreatedAt >= from && d.CreatedAt < to);
        var replayed = await chosen.ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatuses.Pending).SetProperty(d => d.NextAttemptAt, now)
            .SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
        if (deliveryId is not null && replayed == 0)
        {
            return OperationResult<ReplayResult>.NotFound();
        }

        var entry = AuditActor.For(access, AuditActions.DestinationChanged);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("destination", destinationId.ToString(),
            deliveryId is { } one ? $"Replayed delivery {one} to {destination.Name}" : $"Replayed {replayed} deliveries to {destination.Name} created {from:u} to {to:u}");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<ReplayResult>.Ok(new ReplayResult(replayed));
    }

    /// <summary>Sends a sample now and answers what the receiver said; the try is in the delivery log as a test.</summary>
    public async Task<OperationResult<TestSendResult>> TestAsync(AccessContext access, Guid destinationId, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.DestinationsManage))
        {
            return OperationResult<TestSendResult>.Forbidden(NotAllowed);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<Destination>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == destinationId, cancellationToken) is not { } destination)
        {
            return OperationResult<TestSendResult>.NotFound();
        }

        var now = timeProvider.GetUtcNow();
        var body = new JsonObject { ["type"] = "destination.test", ["timestamp"] = now, ["destination"] = new JsonObject { ["id"] = destination.Id, ["name"] = destination.Name } };
        // Leased from the start: the senders leave it alone, and it is never retried.
        var delivery = Outbox.New(destination.Id, DeliveryKinds.Test, body.ToJsonString(), 0, now);
        delivery.LeaseUntil = now.AddDays(1);
        db.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        var result = await client.SendAsync(destination, delivery.WebhookId, delivery.Payload, cancellationToken);
        var outcome = new DeliveryOutcome(result.Succeeded ? DeliveryStatuses.Delivered : DeliveryStatuses.Failed, timeProvider.GetUtcNow(), null);
        await store.RecordAsync(destination.Id, new LeasedDelivery(delivery.Id, delivery.WebhookId, delivery.Payload, 0), result, outcome, timeProvider.GetUtcNow(), cancellationToken);
        return OperationResult<TestSendResult>.Ok(new TestSendResult(result.Succeeded, result.StatusCode, result.LatencyMs, result.ResponseExcerpt, result.Error, delivery.Id));
    }

    /// <summary>The last 24 hours of attempts: success rate and latency per hour, and what waits to be sent.</summary>
    public async Task<DestinationHealth> HealthAsync(AccessContext access, Guid destinationId, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.DestinationsManage))
        {
            return new DestinationHealth(0, 0, null, [], 0);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var since = timeProvider.GetUtcNow().AddHours(-24);
        var hours = await db.Database.SqlQuery<HourRow>($"""
            SELECT date_trunc('hour', at, 'UTC') AS hour, count(*)::int AS attempts, avg(latency_ms)::float8 AS average_ms,
                   count(*) FILTER (WHERE status_code IS NULL OR status_code NOT BETWEEN 200 AND 299)::int AS failures
            FROM cdp_delivery_attempts WHERE destination_id = {destinationId} AND at >= {since} GROUP BY 1 ORDER BY 1
            """).ToListAsync(cancellationToken);
        var pending = await db.Set<Delivery>().CountAsync(d => d.DestinationId == destinationId && (d.Status == DeliveryStatuses.Pending || d.Status == DeliveryStatuses.Retrying), cancellationToken);
        var (total, failures) = (hours.Sum(h => h.Attempts), hours.Sum(h => h.Failures));
        return new DestinationHealth(total, total - failures, total == 0 ? null : (double)(total - failures) / total,
            [.. hours.Select(h => new HourlyLatency(h.Hour, h.Attempts, h.AverageMs, h.Failures))], pending);
    }

    private sealed class HourRow
    {
        public DateTimeOffset Hour { get; set; }

        public int Attempts { get; set; }

        public double AverageMs { get; set; }

        public int Failures { get; set; }
    }

    private static DeliveryDto ToDto(Delivery d) => new(
        d.Id, d.WebhookId, d.Kind, d.Status, d.Attempts, d.LastStatusCode, d.LastError, d.EventCount, d.CreatedAt, d.DeliveredAt,
        d.Status is DeliveryStatuses.Pending or DeliveryStatuses.Retrying ? d.NextAttemptAt : null);
}
