using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <param name="Members">The segment's size after a full evaluation; null when only some profiles were evaluated.</param>
/// <param name="Unexplained">Entries and exits of profiles that were not waiting for evaluation: what incremental evaluation missed.</param>
internal sealed record MembershipDiff(long? Members, long Entered, long Exited, long Unexplained)
{
    public long Changes => Entered + Exited;
}

/// <summary>
/// Writes the difference between a segment's stored members and what its compiled query answers now, as entries and
/// exits on the change feed, in one statement. The full refresh compares every profile; incremental evaluation only
/// the profiles it took from the queue (the compiled query is restricted to the same ids).
/// </summary>
internal static class SegmentMembershipDiff
{
    public static async Task<MembershipDiff> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid segmentId, CompiledSegment compiled, DateTimeOffset now, Guid[]? onlyProfiles,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            WITH target AS MATERIALIZED ({compiled.Sql}),
            entered AS (
                INSERT INTO cdp_segment_members (segment_id, profile_id, entered_at) SELECT @segment_id, id, @now FROM target
                ON CONFLICT DO NOTHING RETURNING profile_id),
            exited AS (
                DELETE FROM cdp_segment_members m WHERE m.segment_id = @segment_id{(onlyProfiles is null ? "" : " AND m.profile_id = ANY(@only)")}
                    AND NOT EXISTS (SELECT 1 FROM target t WHERE t.id = m.profile_id)
                RETURNING profile_id),
            changes AS (
                INSERT INTO cdp_segment_changes (segment_id, profile_id, kind, at)
                SELECT @segment_id, profile_id, 'entered', @now FROM entered UNION ALL SELECT @segment_id, profile_id, 'exited', @now FROM exited
                RETURNING profile_id, kind)
            SELECT (SELECT count(*) FROM target), count(*) FILTER (WHERE kind = 'entered'), count(*) FILTER (WHERE kind = 'exited'),
                count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM cdp_audience_queue q WHERE q.profile_id = changes.profile_id))
            FROM changes
            """, connection, transaction);
        compiled.AddTo(command);
        command.CommandTimeout = 600;
        command.Parameters.AddWithValue("segment_id", segmentId);
        command.Parameters.AddWithValue("now", now);
        if (onlyProfiles is not null)
        {
            command.Parameters.AddWithValue("only", onlyProfiles);
        }

        MembershipDiff diff;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            diff = new MembershipDiff(onlyProfiles is null ? reader.GetInt64(0) : null, reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        // The size is exact after a full evaluation and moves by the difference otherwise. Not through the tracked entity:
        // its version is the editors' concurrency token, and a save during evaluation must not fail either side.
        if (diff.Members is not null || diff.Changes > 0)
        {
            await using var size = new NpgsqlCommand(diff.Members is null
                ? "UPDATE cdp_segments SET member_count = member_count + @delta, last_computed_at = @now WHERE id = @segment_id"
                : "UPDATE cdp_segments SET member_count = @members, last_computed_at = @now WHERE id = @segment_id", connection, transaction);
            size.Parameters.AddWithValue("delta", diff.Entered - diff.Exited);
            size.Parameters.AddWithValue("members", diff.Members ?? 0);
            size.Parameters.AddWithValue("now", now);
            size.Parameters.AddWithValue("segment_id", segmentId);
            await size.ExecuteNonQueryAsync(cancellationToken);
        }

        return diff;
    }
}
