using CrmCdp.Web.Modules.Cdp.Identity;
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
    /// <param name="withProfile">Only resolved events, with the profile each was resolved to: read from the events' profiles
    /// (<c>cdp_event_profiles</c>) through their (name, time) index, and joined to the events only for their properties.
    /// Without it, every stored event counts, resolved or not, and profile_id is null.</param>
    /// <param name="withProperties">Also answer the properties when no filter needs them (a breakdown by a property).</param>
    /// <param name="allEvents">With a profile, still count every stored event (unresolved ones with a null profile), as a total broken down by a trait does.</param>
    /// <param name="until">The parameter that ends the range (the caller's; <c>@to</c> unless the events are read further).</param>
    /// <param name="since">The parameter that starts the range.</param>
    public static InsightEventRows Compile(
        string eventName, IReadOnlyList<SegmentCondition>? where, string prefix, bool withProfile, string until = "@to", bool withProperties = false, bool allEvents = false,
        string since = "@from")
    {
        var filters = SegmentSqlCompiler.PropertyFilters(where ?? [], DateTimeOffset.UtcNow, prefix + "f");
        var names = $"ARRAY[@{prefix}name]::text[]";
        var typesToo = EventMembership.NamesTypes([eventName]);
        var rows = (withProfile && !allEvents, withProperties || where is { Count: > 0 }) switch
        {
            (true, false) => $"""
                SELECT o.event_id AS id, o."timestamp", NULL::jsonb AS properties, o.profile_id FROM cdp_event_profiles o
                WHERE o."timestamp" >= {since} AND o."timestamp" < {until}{EventMembership.NameFilter("o", "name", names, typesToo)}
                """,
            (true, true) => $"""
                SELECT o.event_id AS id, o."timestamp", e.payload -> 'properties' AS properties, o.profile_id
                FROM cdp_event_profiles o JOIN cdp_events e ON e.id = o.event_id AND e."timestamp" = o."timestamp"
                WHERE o."timestamp" >= {since} AND o."timestamp" < {until}{EventMembership.NameFilter("o", "name", names, typesToo)}
                  AND e."timestamp" >= {since} AND e."timestamp" < {until}{EventMembership.NameFilter("e", "event", names, typesToo)}
                """,
            _ => $"""
                SELECT e.id, e."timestamp", e.payload -> 'properties' AS properties,
                    {(withProfile ? "(SELECT o.profile_id FROM cdp_event_profiles o WHERE o.event_id = e.id AND o.\"timestamp\" = e.\"timestamp\")" : "NULL::uuid")} AS profile_id
                FROM cdp_events e
                WHERE e."timestamp" >= {since} AND e."timestamp" < {until} AND (e.event = @{prefix}name OR e.type = @{prefix}name)
                """,
        };
        var sql = $"""
            SELECT pe.* FROM (
            {rows}) pe
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
