namespace CrmCdp.Web.Modules.Cdp.Identity;

/// <summary>
/// Which stored events belong to a profile: the profile in the event's <c>profile_id</c>, set by
/// <see cref="EventOwnership"/> (the resolver, merges, splits and identity-rule changes), so queries of events by
/// profile (the timeline, trait history, top events, a split's recount; segments, computed traits and activation over
/// many profiles) never join events to identifiers by text.
/// </summary>
internal static class EventMembership
{
    /// <summary>The events of one profile (parameter <c>@profileId</c>), through the (profile_id, "timestamp") index.</summary>
    public const string OfProfile = "profile_id = @profileId";

    /// <summary>
    /// The events of many profiles in a time range as rows (profile_id, id, type, name, "timestamp"; name is the track
    /// event's or the page's name). Parameter names are the caller's, never user input.
    /// </summary>
    /// <param name="profileIds">A uuid[] parameter: only these profiles' events.</param>
    /// <param name="profilesQuery">A query answering profile ids: only their events (the compiler's own SQL, never user input);
    /// with <paramref name="profileIds"/>, it must answer only ids of that list.</param>
    /// <param name="withProperties">Also answer each event's <c>properties</c> (for property filters).</param>
    /// <param name="names">A text[] parameter: only events of these names or types.</param>
    public static string RowsOfProfiles(string since, string asOf, string? profileIds = null, string? profilesQuery = null, bool withProperties = false, string? names = null)
    {
        var properties = withProperties ? ", e.payload -> 'properties' AS properties" : "";
        var named = names is null ? "" : $" AND (e.event = ANY({names}) OR e.type = ANY({names}))";
        var window = $"e.\"timestamp\" > {since} AND e.\"timestamp\" <= {asOf}{named}";
        // For given profiles each one's events are probed through the (profile_id, "timestamp") index (LATERAL, fenced by
        // OFFSET 0); with both a list and a narrower query (the compiler's candidates, taken from that list) the query
        // drives. The planner, whose statistics trail these tables, otherwise hash-joined the list against a scan.
        var driver = profileIds is null ? null : profilesQuery is null ? $"unnest({profileIds})" : $"({profilesQuery})";
        if (driver is not null)
        {
            return $"""
                SELECT e.profile_id, e.id, e.type, e.event AS name, e."timestamp"{properties}
                FROM {driver} AS wanted(id) CROSS JOIN LATERAL (SELECT * FROM cdp_events e WHERE e.profile_id = wanted.id AND {window} OFFSET 0) e
                """;
        }

        var among = profilesQuery is null ? "" : $" AND e.profile_id IN ({profilesQuery})";
        return $"""
            SELECT e.profile_id, e.id, e.type, e.event AS name, e."timestamp"{properties} FROM cdp_events e
            WHERE {window} AND e.profile_id IS NOT NULL{among}
            """;
    }
}
