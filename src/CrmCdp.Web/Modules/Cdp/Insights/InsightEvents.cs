using CrmCdp.Web.Modules.Cdp.Segments;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Insights;

/// <summary>
/// The events an insight counts as rows <c>pe</c> (id, "timestamp", properties, profile_id), compiled once for every
/// insight so each filters events the one way: by name or type in a range, and by the segment builder's property filters.
/// </summary>
internal sealed record InsightEventRows(string Sql, IReadOnlyList<NpgsqlParameter> Parameters)
{
    /// <param name="prefix">Names this event's parameters (several events share a command).</param>
    /// <param name="withProfile">Also answer the profile each event was resolved to (null while it is not resolved yet).</param>
    /// <param name="until">The parameter that ends the range (the caller's; <c>@to</c> unless the events are read further).</param>
    public static InsightEventRows Compile(string eventName, IReadOnlyList<SegmentCondition>? where, string prefix, bool withProfile, string until = "@to")
    {
        var filters = SegmentSqlCompiler.PropertyFilters(where ?? [], DateTimeOffset.UtcNow, prefix + "f");
        var profile = withProfile
            ? $"""
              , (SELECT o.profile_id FROM cdp_event_profiles o WHERE o.event_id = e.id AND o."timestamp" = e."timestamp") AS profile_id
              """
            : ", NULL::uuid AS profile_id";
        var sql = $"""
            SELECT pe.* FROM (
                SELECT e.id, e."timestamp", e.payload -> 'properties' AS properties{profile}
                FROM cdp_events e
                WHERE e."timestamp" >= @from AND e."timestamp" < {until} AND (e.event = @{prefix}name OR e.type = @{prefix}name)) pe
            WHERE {filters.Sql}
            """;
        return new InsightEventRows(sql, [.. filters.Parameters, new NpgsqlParameter($"{prefix}name", eventName)]);
    }

    public void AddTo(NpgsqlCommand command)
    {
        foreach (var parameter in Parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }
    }
}
