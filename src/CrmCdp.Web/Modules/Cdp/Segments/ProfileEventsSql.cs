namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>
/// The events of profiles in a time range as rows (profile_id, type, name, "timestamp"; name is the track event's or the page's name), by the same membership the profile
/// page uses: an event belongs to its user id's profile, or to its anonymous id's profile when it has no (or a
/// blocked) user id. Parameter names are the caller's, never user input.
/// </summary>
internal static class ProfileEventsSql
{
    /// <param name="profileIds">A uuid[] parameter: only these profiles' events.</param>
    /// <param name="profilesQuery">A query answering profile ids: only their events (the compiler's own SQL, never user input).</param>
    public static string Select(string since, string asOf, string blocked, string? profileIds = null, string? profilesQuery = null)
    {
        var restriction = (profileIds is null ? "" : $" AND i.profile_id = ANY({profileIds})") + (profilesQuery is null ? "" : $" AND i.profile_id IN ({profilesQuery})");
        return $"""
            SELECT i.profile_id, e.type, e.event AS name, e."timestamp" FROM cdp_events e
            JOIN cdp_identifiers i ON i.type = 'user_id' AND i.value = e.user_id
            WHERE e."timestamp" > {since} AND e."timestamp" <= {asOf} AND NOT lower(e.user_id) = ANY({blocked}){restriction}
            UNION ALL
            SELECT i.profile_id, e.type, e.event, e."timestamp" FROM cdp_events e
            JOIN cdp_identifiers i ON i.type = 'anonymous_id' AND i.value = e.anonymous_id
            WHERE e."timestamp" > {since} AND e."timestamp" <= {asOf} AND (e.user_id IS NULL OR lower(e.user_id) = ANY({blocked})){restriction}
            """;
    }
}
