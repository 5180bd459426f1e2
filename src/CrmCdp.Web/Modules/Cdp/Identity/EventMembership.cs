using CrmCdp.Web.Modules.Cdp.Profiles;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Identity;

/// <summary>
/// Which stored events belong to a profile — the one rule every query of events by profile follows (the timeline,
/// trait history, top events, a split's recount; segments, computed traits and activation over many profiles): an event
/// belongs to the profile of its user id, or, when it has no user id or a blocked one, to the profile of its anonymous id.
/// </summary>
internal sealed record EventMembership(string[] UserIds, string[] AnonymousIds, string[] Blocked)
{
    /// <summary>The rule over <c>cdp_events</c> for one profile; its parameters come from <see cref="AddTo"/>.</summary>
    public const string Predicate =
        "(user_id = ANY(@userIds) OR (anonymous_id = ANY(@anonymousIds) AND (user_id IS NULL OR lower(user_id) = ANY(@blocked))))";

    /// <summary>The profile's user and anonymous ids and the blocked values, as the rule needs them.</summary>
    public static async Task<EventMembership> OfAsync(AppDbContext db, Guid profileId, IdentityRulesProvider rulesProvider, CancellationToken cancellationToken)
    {
        var identifiers = await db.Set<ProfileIdentifier>().Where(i => i.ProfileId == profileId && (i.Type == IdentifierTypes.UserId || i.Type == IdentifierTypes.AnonymousId))
            .Select(i => new { i.Type, i.Value }).ToListAsync(cancellationToken);
        var rules = await rulesProvider.CurrentAsync(cancellationToken);
        return new EventMembership(
            [.. identifiers.Where(i => i.Type == IdentifierTypes.UserId).Select(i => i.Value)],
            [.. identifiers.Where(i => i.Type == IdentifierTypes.AnonymousId).Select(i => i.Value)],
            [.. rules.BlockedValues.Select(v => v.ToLowerInvariant())]);
    }

    /// <summary>
    /// The events of many profiles in a time range as rows (profile_id, id, type, name, "timestamp"; name is the track
    /// event's or the page's name), by the same rule. Parameter names are the caller's, never user input.
    /// </summary>
    /// <param name="profileIds">A uuid[] parameter: only these profiles' events.</param>
    /// <param name="profilesQuery">A query answering profile ids: only their events (the compiler's own SQL, never user input);
    /// with <paramref name="profileIds"/>, it must answer only ids of that list.</param>
    /// <param name="withProperties">Also answer each event's <c>properties</c> (for property filters).</param>
    /// <param name="names">A text[] parameter: only events of these names (or types, when <paramref name="typesToo"/>).</param>
    /// <param name="typesToo">Whether a name may be an event type (<see cref="NamesTypes"/>); when none is, the type is not compared.</param>
    public static string RowsOfProfiles(
        string since, string asOf, string blocked, string? profileIds = null, string? profilesQuery = null, bool withProperties = false, string? names = null, bool typesToo = true)
    {
        var properties = withProperties ? ", e.payload -> 'properties' AS properties" : "";
        var named = names is null ? "" : typesToo ? $" AND (e.event = ANY({names}) OR e.type = ANY({names}))" : $" AND e.event = ANY({names})";
        // For given profiles the identifiers are probed per profile (LATERAL, fenced by OFFSET 0) and their events through
        // the user and anonymous id indexes; with both a list and a narrower query (the compiler's candidates, taken from
        // that list) the query drives. The planner, whose statistics trail these tables, otherwise filtered a scan of every
        // identifier by "= ANY" of the ids, or rebuilt the candidates' hash once per profile (286 ms instead of 40 ms for
        // 2,000 profiles at a million).
        var driver = profileIds is null ? null : profilesQuery is null ? $"unnest({profileIds})" : $"({profilesQuery})";
        var among = profilesQuery is null || driver is not null ? "" : $" AND i.profile_id IN ({profilesQuery})";
        string Identifiers(string type) => driver is null
            ? "cdp_identifiers i"
            : $"{driver} AS wanted(id) CROSS JOIN LATERAL (SELECT * FROM cdp_identifiers i WHERE i.profile_id = wanted.id AND i.type = '{type}' OFFSET 0) i";
        return $"""
            SELECT i.profile_id, e.id, e.type, e.event AS name, e."timestamp"{properties} FROM {Identifiers("user_id")}
            JOIN cdp_events e ON i.type = 'user_id' AND i.value = e.user_id
            WHERE e."timestamp" > {since} AND e."timestamp" <= {asOf}{named} AND NOT lower(e.user_id) = ANY({blocked}){among}
            UNION ALL
            SELECT i.profile_id, e.id, e.type, e.event, e."timestamp"{properties} FROM {Identifiers("anonymous_id")}
            JOIN cdp_events e ON i.type = 'anonymous_id' AND i.value = e.anonymous_id
            WHERE e."timestamp" > {since} AND e."timestamp" <= {asOf}{named} AND (e.user_id IS NULL OR lower(e.user_id) = ANY({blocked})){among}
            """;
    }

    /// <summary>Whether one of the names is an event type (page, track, …), which conditions may name instead of an event.</summary>
    public static bool NamesTypes(IEnumerable<string> names) => names.Any(n => Ingestion.EventParser.Types.Values.Contains(n, StringComparer.Ordinal));

    public void AddTo(NpgsqlParameterCollection parameters)
    {
        parameters.AddWithValue("userIds", UserIds);
        parameters.AddWithValue("anonymousIds", AnonymousIds);
        parameters.AddWithValue("blocked", Blocked);
    }

    /// <summary>The rule's parameters, for EF Core's raw queries.</summary>
    public object[] Parameters() =>
        [new NpgsqlParameter("userIds", UserIds), new NpgsqlParameter("anonymousIds", AnonymousIds), new NpgsqlParameter("blocked", Blocked)];
}
