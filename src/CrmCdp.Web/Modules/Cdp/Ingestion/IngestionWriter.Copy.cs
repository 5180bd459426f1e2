using Npgsql;
using NpgsqlTypes;

namespace CrmCdp.Web.Modules.Cdp.Ingestion;

/// <summary>The writer's one database round: claim the messageIds, COPY the new events, commit.</summary>
internal sealed partial class IngestionWriter
{
    /// <summary>
    /// Stores events whose (source, messageId) are unique among themselves, in one transaction: first their messageIds
    /// (those already there come back: duplicates), then one binary COPY of the others straight into <c>cdp_events</c>.
    /// No staging table: truncating one per commit stalled commits for 100+ ms on this disk.
    /// </summary>
    /// <returns>The (source, messageId) pairs that were already stored by an earlier commit (duplicates, not stored again).</returns>
    private async Task<HashSet<(Guid, string)>> WriteAsync(ICollection<IncomingEvent> events, CancellationToken cancellationToken)
    {
        // The single writer keeps its connection: no pool round trip or session reset per commit.
        var connection = _connection ??= await _dataSource!.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var duplicates = new HashSet<(Guid, string)>();
        await using (var claim = new NpgsqlCommand("""
            WITH input AS (SELECT * FROM unnest(@sources, @messageIds, @receivedAt) AS t(source_id, message_id, received_at)),
            fresh AS (
                INSERT INTO cdp_message_ids (source_id, message_id, received_at) SELECT source_id, message_id, received_at FROM input
                ON CONFLICT DO NOTHING
                RETURNING source_id, message_id)
            SELECT i.source_id, i.message_id FROM input i
            WHERE NOT EXISTS (SELECT 1 FROM fresh f WHERE f.source_id = i.source_id AND f.message_id = i.message_id)
            """, connection, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter<Guid[]>("sources", [.. events.Select(e => e.SourceId)]));
            claim.Parameters.Add(new NpgsqlParameter<string[]>("messageIds", [.. events.Select(e => e.MessageId)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
            claim.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("receivedAt", [.. events.Select(e => e.ReceivedAt)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                duplicates.Add((reader.GetGuid(0), reader.GetString(1)));
            }
        }

        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY cdp_events (source_id, message_id, type, event, user_id, anonymous_id, group_id, previous_id, \"timestamp\", received_at, sent_at, time_clamped, payload, violations) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (var e in events)
            {
                if (duplicates.Count > 0 && duplicates.Contains((e.SourceId, e.MessageId)))
                {
                    continue;
                }

                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(e.SourceId, NpgsqlDbType.Uuid, cancellationToken);
                await importer.WriteAsync(e.MessageId, NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(e.Type, NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(importer, e.Event, NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(importer, e.UserId, NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(importer, e.AnonymousId, NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(importer, e.GroupId, NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(importer, e.PreviousId, NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(e.Timestamp, NpgsqlDbType.TimestampTz, cancellationToken);
                await importer.WriteAsync(e.ReceivedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                if (e.SentAt is { } sent)
                {
                    await importer.WriteAsync(sent, NpgsqlDbType.TimestampTz, cancellationToken);
                }
                else
                {
                    await importer.WriteNullAsync(cancellationToken);
                }

                await importer.WriteAsync(e.TimeClamped, NpgsqlDbType.Boolean, cancellationToken);
                await importer.WriteAsync(e.Payload, NpgsqlDbType.Jsonb, cancellationToken);
                await WriteNullableAsync(importer, e.Violations, NpgsqlDbType.Jsonb, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return duplicates;
    }

    /// <summary>After a failure the connection may be broken: the next commit opens a fresh one.</summary>
    private async Task DropConnectionAsync()
    {
        if (_connection is { } broken)
        {
            _connection = null;
            await broken.DisposeAsync();
        }
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, type, cancellationToken);
}
