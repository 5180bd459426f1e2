using System.Text.Json.Nodes;
using CrmCdp.Web.Platform.Data;
using CrmCdp.Web.Platform.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Privacy;

/// <summary>
/// The events collected about a person, found by user id / anonymous id (either identifier kind "userId") or by the
/// email in their traits. Erasure deletes them: events are facts about the person, not records reports count.
/// </summary>
internal sealed class CdpPersonalDataStore : IPersonalDataStore
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

        await using var command = new NpgsqlCommand(
            $"SELECT type, event, user_id, anonymous_id, \"timestamp\", payload::text FROM cdp_events WHERE {Matches(person)} ORDER BY \"timestamp\" LIMIT {MaxEventsInAccess}", connection);
        command.Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        command.Parameters.AddWithValue("value", Value(person));
        var ids = new HashSet<string>(StringComparer.Ordinal);
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

        return new PersonalData(Source, new JsonObject { ["events"] = events, ["identifiers"] = new JsonArray([.. ids.Select(i => (JsonNode?)i)]) }, [.. ids], events.Count);
    }

    public async Task<int> AnonymizeAsync(AppDbContext db, PersonIdentifier person, CancellationToken cancellationToken)
    {
        // The condition is one of three fixed fragments; the value is a parameter.
        var sql = "DELETE FROM cdp_events WHERE " + Matches(person);
        return await db.Database.ExecuteSqlRawAsync(sql, [new NpgsqlParameter("value", Value(person))], cancellationToken);
    }

    private static string Matches(PersonIdentifier person) => person.Kind switch
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
