using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Destinations;

/// <summary>A delivery a sender has leased: what to send and how many times it was tried.</summary>
internal sealed record LeasedDelivery(long Id, string WebhookId, string Payload, int Attempts);

/// <summary>
/// The senders' SQL: leasing the due deliveries of a destination in creation order (several instances never take the same
/// one), and recording an attempt with the delivery's new state and the destination's health in one transaction.
/// </summary>
[SystemAccess("The senders lease and record deliveries for every destination.")]
internal sealed class DeliveryStore(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<List<LeasedDelivery>> LeaseAsync(Guid destinationId, int count, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            UPDATE cdp_deliveries d SET lease_until = now() + @lease
            WHERE d.id IN (
                SELECT id FROM cdp_deliveries
                WHERE destination_id = @destination AND status IN ('pending', 'retrying') AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
                ORDER BY id LIMIT @count FOR UPDATE SKIP LOCKED)
            RETURNING d.id, d.webhook_id, d.payload, d.attempts
            """, connection);
        command.Parameters.AddWithValue("destination", destinationId);
        command.Parameters.AddWithValue("count", count);
        command.Parameters.AddWithValue("lease", lease);
        var leased = new List<LeasedDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            leased.Add(new LeasedDelivery(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
        }

        return [.. leased.OrderBy(l => l.Id)];
    }

    /// <summary>Records the attempt, in one statement; answers whether it disabled the destination (so admins are told once).</summary>
    public async Task<bool> RecordAsync(Guid destinationId, LeasedDelivery delivery, AttemptResult result, DeliveryOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        // The destination's row is written only when its health changes, so parallel senders do not queue on it.
        await using var command = new NpgsqlCommand("""
            WITH delivery AS (
                UPDATE cdp_deliveries SET attempts = attempts + 1, status = @status, next_attempt_at = @next, lease_until = NULL,
                    last_status_code = @code, last_error = @error, delivered_at = CASE WHEN @status = 'delivered' THEN @now ELSE delivered_at END
                WHERE id = @id RETURNING id),
            attempt AS (
                INSERT INTO cdp_delivery_attempts (delivery_id, destination_id, at, status_code, latency_ms, response_excerpt, error)
                SELECT id, @destination, @now, @code, @latency, @excerpt, @error FROM delivery),
            health AS (
                UPDATE cdp_destinations SET failing_since = CASE WHEN @ok THEN NULL ELSE coalesce(failing_since, @now) END,
                    enabled = enabled AND @disable IS NULL, disabled_reason = coalesce(@disable, disabled_reason), updated_at = @now
                WHERE id = @destination AND (CASE WHEN @ok THEN failing_since IS NOT NULL ELSE failing_since IS NULL OR (@disable IS NOT NULL AND enabled) END)
                RETURNING @disable IS NOT NULL AS disabled)
            SELECT coalesce((SELECT disabled FROM health), false)
            """, connection);
        command.Parameters.AddWithValue("id", delivery.Id);
        command.Parameters.AddWithValue("destination", destinationId);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.Add(new NpgsqlParameter<int?>("code", NpgsqlTypes.NpgsqlDbType.Integer) { TypedValue = result.StatusCode });
        command.Parameters.Add(new NpgsqlParameter<string?>("error", NpgsqlTypes.NpgsqlDbType.Varchar) { TypedValue = result.Error });
        command.Parameters.AddWithValue("status", outcome.Status);
        command.Parameters.AddWithValue("next", outcome.NextAttemptAt);
        command.Parameters.AddWithValue("latency", result.LatencyMs);
        command.Parameters.Add(new NpgsqlParameter<string?>("excerpt", NpgsqlTypes.NpgsqlDbType.Varchar) { TypedValue = result.ResponseExcerpt });
        command.Parameters.AddWithValue("ok", result.Succeeded);
        command.Parameters.Add(new NpgsqlParameter<string?>("disable", NpgsqlTypes.NpgsqlDbType.Varchar) { TypedValue = outcome.DisableReason });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
