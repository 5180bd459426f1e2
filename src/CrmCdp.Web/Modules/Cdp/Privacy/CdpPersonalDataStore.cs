using System.Text.Json.Nodes;
using CrmCdp.Web.Modules.Cdp.Identity;
using CrmCdp.Web.Modules.Cdp.Profiles;
using CrmCdp.Web.Modules.Cdp.Segments;
using CrmCdp.Web.Platform.ContactPoints;
using CrmCdp.Web.Platform.Privacy;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Privacy;

/// <summary>
/// What the CDP holds about a person: the unified profiles holding the identifier (with all their identifiers, traits
/// and merge log) and the events of all those identifiers, plus events found by user id / anonymous id or by the email
/// or phone in their traits. Erasure deletes all of it, under the identity graph's lock so resolution cannot rebuild it.
/// </summary>
internal sealed class CdpPersonalDataStore(ContactPointNormalizer normalizer) : IPersonalDataStore
{
    private const int MaxEventsInAccess = 10_000;

    public string Source => "cdp";

    public async Task<PersonalData> FindAsync(AppDbContext db, PersonIdentifier person, CancellationToken cancellationToken)
    {
        var events = new JsonArray();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken);
        }

        var profiles = await ProfilesAsync(db, person, cancellationToken);
        var profileIds = profiles.Select(p => p.Id).ToArray();
        var identifiers = await db.Set<ProfileIdentifier>().Where(i => profileIds.Contains(i.ProfileId)).AsNoTracking().ToListAsync(cancellationToken);
        var consent = await db.Set<ConsentChange>().Where(c => profileIds.Contains(c.ProfileId)).OrderBy(c => c.At).AsNoTracking().ToListAsync(cancellationToken);
        var merges = await db.Set<ProfileMerge>().Where(m => profileIds.Contains(m.SurvivorId) || profileIds.Contains(m.MergedId)).AsNoTracking().ToListAsync(cancellationToken);
        var segments = await SegmentHistory.ForAsync(db, profileIds, cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT type, event, user_id, anonymous_id, \"timestamp\", payload::text FROM cdp_events WHERE {Matches(person)} ORDER BY \"timestamp\" LIMIT {MaxEventsInAccess}", connection);
        command.Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        command.Parameters.AddRange(Parameters(person, identifiers).ToArray());
        var ids = new HashSet<string>(identifiers.Select(i => i.Value), StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                events.Add(new JsonObject
                {
                    ["type"] = reader.GetString(0),
                    ["event"] = reader.IsDBNull(1) ? null : reader.GetString(1),
                    ["timestamp"] = reader.GetFieldValue<DateTimeOffset>(4),
                    ["payload"] = JsonNode.Parse(reader.GetString(5)),
                });
                foreach (var i in new[] { 2, 3 })
                {
                    if (!reader.IsDBNull(i))
                    {
                        ids.Add(reader.GetString(i));
                    }
                }
            }
        }

        var data = new JsonObject
        {
            ["profiles"] = new JsonArray([.. profiles.Select(p => (JsonNode?)new JsonObject
            {
                ["id"] = p.Id, ["traits"] = JsonNode.Parse(p.Traits), ["traitSources"] = JsonNode.Parse(p.TraitSources), ["firstSeenAt"] = p.FirstSeenAt,
                ["lastSeenAt"] = p.LastSeenAt, ["eventCount"] = p.EventCount, ["consent"] = JsonNode.Parse(p.Consent),
                ["consentHistory"] = new JsonArray([.. consent.Where(c => c.ProfileId == p.Id).Select(c => (JsonNode?)new JsonObject { ["source"] = c.Source, ["state"] = JsonNode.Parse(c.State), ["at"] = c.At })]),
                ["identifiers"] = new JsonArray([.. identifiers.Where(i => i.ProfileId == p.Id).Select(i => (JsonNode?)new JsonObject { ["type"] = i.Type, ["value"] = i.Value, ["firstSeenAt"] = i.FirstSeenAt })]),
                ["segments"] = segments.Memberships(p.Id),
                ["segmentHistory"] = segments.Changes(p.Id),
                ["activations"] = segments.Activations(p.Id),
                ["computedTraits"] = segments.Computed(p.Id),
            })]),
            ["merges"] = new JsonArray([.. merges.Select(m => (JsonNode?)new JsonObject
            {
                ["kind"] = m.Kind, ["survivorId"] = m.SurvivorId, ["mergedId"] = m.MergedId, ["via"] = $"{m.ViaType}:{m.ViaValue}", ["rule"] = m.Rule, ["at"] = m.At,
            })]),
            ["events"] = events,
            ["identifiers"] = new JsonArray([.. ids.Select(i => (JsonNode?)i)]),
        };
        return new PersonalData(Source, data, [.. ids], events.Count + profiles.Count);
    }

    public async Task<int> AnonymizeAsync(AppDbContext db, PersonIdentifier person, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({IdentityResolutionProcessor.GraphLock})", cancellationToken);
        // Also the segments' lock (always taken after the graph's): activation must not task the person between this erasure's reads and its commit.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SegmentRefresher.RefreshLock})", cancellationToken);
        var profiles = (await ProfilesAsync(db, person, cancellationToken)).Select(p => p.Id).ToArray();
        var absorbed = await db.Set<Profile>().Where(p => p.MergedIntoId != null && profiles.Contains(p.MergedIntoId.Value)).Select(p => p.Id).ToListAsync(cancellationToken);
        Guid[] all = [.. profiles, .. absorbed];
        var identifiers = await db.Set<ProfileIdentifier>().Where(i => all.Contains(i.ProfileId)).AsNoTracking().ToListAsync(cancellationToken);

        // The condition is built from fixed fragments; every value is a parameter.
        var sql = "DELETE FROM cdp_events WHERE " + Matches(person);
        var deleted = await db.Database.ExecuteSqlRawAsync(sql, Parameters(person, identifiers), cancellationToken);
        // And every event resolved to these profiles, whatever identifier it came by.
        deleted += await db.Database.ExecuteSqlAsync(
            $"DELETE FROM cdp_events e USING cdp_event_profiles o WHERE o.event_id = e.id AND o.\"timestamp\" = e.\"timestamp\" AND o.profile_id = ANY({all})", cancellationToken);
        await db.Set<EventProfile>().Where(o => all.Contains(o.ProfileId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<ProfileEventDay>().Where(d => all.Contains(d.ProfileId)).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.Set<ProfileIdentifier>().Where(i => all.Contains(i.ProfileId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<ConsentChange>().Where(c => all.Contains(c.ProfileId)).ExecuteDeleteAsync(cancellationToken);
        await SegmentHistory.DeleteAsync(db, all, cancellationToken);
        await Destinations.ErasureNotices.AddAsync(db, all, identifiers, DateTimeOffset.UtcNow, cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL crmcdp.audit_redaction = 'on'", cancellationToken);
        await db.Set<ProfileMerge>().Where(m => all.Contains(m.SurvivorId) || all.Contains(m.MergedId)).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.Set<Profile>().Where(p => all.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);
        return deleted;
    }

    /// <summary>The live profiles holding the person's identifier (email and phone normalized like identity resolution does).</summary>
    private async Task<List<Profile>> ProfilesAsync(AppDbContext db, PersonIdentifier person, CancellationToken cancellationToken)
    {
        var value = person.Value.Trim();
        IReadOnlyList<(string Type, string Value)> keys = person.Kind switch
        {
            PersonIdentifierKind.Email => [(IdentifierTypes.Email, ContactPointNormalizer.NormalizeEmail(value) ?? value.ToLowerInvariant())],
            PersonIdentifierKind.Phone => [(IdentifierTypes.Phone, normalizer.NormalizePhone(value) ?? value)],
            _ => [(IdentifierTypes.UserId, value), (IdentifierTypes.AnonymousId, value)],
        };
        var owners = new List<Guid>();
        foreach (var (type, key) in keys)
        {
            owners.AddRange(await db.Set<ProfileIdentifier>().Where(i => i.Type == type && i.Value == key).Select(i => i.ProfileId).ToListAsync(cancellationToken));
        }

        return await db.Set<Profile>().Where(p => owners.Contains(p.Id)).AsNoTracking().ToListAsync(cancellationToken);
    }

    private static List<NpgsqlParameter> Parameters(PersonIdentifier person, IReadOnlyList<ProfileIdentifier> identifiers) =>
    [
        new("value", Value(person)),
        new("profileUserIds", identifiers.Where(i => i.Type == IdentifierTypes.UserId).Select(i => i.Value).ToArray()),
        new("profileAnonymousIds", identifiers.Where(i => i.Type == IdentifierTypes.AnonymousId).Select(i => i.Value).ToArray()),
    ];

    /// <summary>The person's events: those of their profiles' user and anonymous ids, and those found from the identifier itself.</summary>
    private static string Matches(PersonIdentifier person) =>
        $"(user_id = ANY(@profileUserIds) OR anonymous_id = ANY(@profileAnonymousIds) OR {Direct(person)})";

    private static string Direct(PersonIdentifier person) => person.Kind switch
    {
        // An email or phone also reaches the other events of the user and anonymous ids that carried it (one hop, until identity resolution links them).
        PersonIdentifierKind.Email => Linked("lower(coalesce(payload->'traits'->>'email', payload->'context'->'traits'->>'email', '')) = @value"),
        PersonIdentifierKind.Phone => Linked("coalesce(payload->'traits'->>'phone', payload->'context'->'traits'->>'phone', '') = @value"),
        _ => "(user_id = @value OR anonymous_id = @value)",
    };

    private static string Linked(string carries) =>
        $"({carries} OR user_id IN (SELECT user_id FROM cdp_events WHERE {carries} AND user_id IS NOT NULL) " +
        $"OR anonymous_id IN (SELECT anonymous_id FROM cdp_events WHERE {carries} AND anonymous_id IS NOT NULL))";

    private static string Value(PersonIdentifier person) => person.Kind == PersonIdentifierKind.Email ? person.Value.Trim().ToLowerInvariant() : person.Value.Trim();
}
