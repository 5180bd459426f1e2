using CrmCdp.Web.Modules.Cdp.Profiles;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Identity;

/// <summary>
/// Which stored events belong to a profile — the one rule every query of events by profile follows (the timeline,
/// trait history, top events, a split's recount) and the resolver's record of it (<see cref="EventOwnership"/>, which
/// segments, computed traits and activation read): an event belongs to the profile of its user id, or, when it has no
/// user id or a blocked one, to the profile of its anonymous id.
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
    /// The resolved events of many profiles in a time range as rows (profile_id, id, type, name, "timestamp"; name is the
    /// track event's or the page's name), from the profile each event was resolved to (<see cref="EventProfile"/>).
    /// Parameter names are the caller's, never user input.
    /// </summary>
    /// <param name="profileIds">A uuid[] parameter: only these profiles' events.</param>
    /// <param name="profilesQuery">With <paramref name="profileIds"/>, a narrower query answering ids of that list (the
    /// compiler's own SQL, never user input): only their events.</param>
    /// <param name="withProperties">Also answer each event's <c>properties</c> (for property filters).</param>
    /// <param name="names">A text[] parameter: only events of these names (or types, when <paramref name="typesToo"/>).</param>
    /// <param name="typesToo">Whether a name may be an event type (<see cref="NamesTypes"/>); when none is, the type is not compared.</param>
    public static string RowsOfProfiles(
        string since, string asOf, string? profileIds = null, string? profilesQuery = null, bool withProperties = false, string? names = null, bool typesToo = true)
    {
        string Named(string e, string name) => NameFilter(e, name, names, typesToo);
        // The properties come from a join that repeats the window and names on the events, so that over many profiles
        // the planner prunes partitions and hashes both sides (4.6 s) instead of probing an event per row (16.8 s for
        // a million rows).
        var rows = withProperties
            ? $"""
              SELECT o.profile_id, o.event_id AS id, o.type, nullif(o.name, '') AS name, o."timestamp", e.payload -> 'properties' AS properties
              FROM cdp_event_profiles o JOIN cdp_events e ON e.id = o.event_id AND e."timestamp" = o."timestamp"
              WHERE o."timestamp" > {since} AND o."timestamp" <= {asOf}{Named("o", "name")} AND e."timestamp" > {since} AND e."timestamp" <= {asOf}{Named("e", "event")}
              """
            : $"""
              SELECT o.profile_id, o.event_id AS id, o.type, nullif(o.name, '') AS name, o."timestamp" FROM cdp_event_profiles o
              WHERE o."timestamp" > {since} AND o."timestamp" <= {asOf}{Named("o", "name")}
              """;
        // For given profiles each is probed through the (profile, time) index (LATERAL, fenced by OFFSET 0); with both a
        // list and a narrower query (the compiler's candidates, taken from that list) the query drives. The planner, whose
        // statistics trail these tables, otherwise filtered a scan of every event by "= ANY" of the ids. Without a list
        // (a full evaluation) the events are read by name and time alone and the caller joins them to its profiles: told
        // to keep only a query's profiles, the planner, misjudging how many a jsonb condition keeps, probed each of
        // 266,667 candidates (6.5 s against 2.5 s at a million profiles).
        var driver = profileIds is null ? null : profilesQuery is null ? $"unnest({profileIds})" : $"({profilesQuery})";
        return driver is null ? rows : $"SELECT o.* FROM {driver} AS wanted(id) CROSS JOIN LATERAL ({rows} AND o.profile_id = wanted.id OFFSET 0) o";
    }

    /// <summary>" AND" the event's name (or type, when <paramref name="typesToo"/>) is one of a text[] parameter's; nothing without one.</summary>
    public static string NameFilter(string alias, string nameColumn, string? names, bool typesToo) =>
        names is null ? "" : typesToo ? $" AND ({alias}.{nameColumn} = ANY({names}) OR {alias}.type = ANY({names}))" : $" AND {alias}.{nameColumn} = ANY({names})";

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
