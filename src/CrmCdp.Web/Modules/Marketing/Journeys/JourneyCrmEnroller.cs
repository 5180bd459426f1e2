using System.Text.Json;
using CrmCdp.Web.Modules.Cdp.Contracts;
using CrmCdp.Web.Modules.Crm.Contracts;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

/// <summary>
/// Enrols the people of the CRM changes live journeys start from (contact created, deal moved, won or lost, ticket solved):
/// follows the CRM's published facts from its own checkpoint (<c>journeys:crm</c>, starting at the newest fact), and enrols
/// each related contact's profile (found, linked or made by the CDP) in the transaction that moves the checkpoint, once per
/// fact and contact. Facts younger than <see cref="SafetyLag"/> wait a pass: a CRM transaction may still commit a lower id.
/// </summary>
[SystemAccess("CRM changes enrol people into journeys a marketer published.")]
internal sealed class JourneyCrmEnroller(
    IDbContextFactory<AppDbContext> dbFactory, ICdpProfilesForMarketing profiles, JourneyVersions versions, JourneyWakeUp wakeUp, TimeProvider timeProvider)
{
    public const string CheckpointName = "journeys:crm";
    public static readonly TimeSpan SafetyLag = TimeSpan.FromSeconds(2);
    private const int BatchSize = 500;

    /// <summary>Reads one batch; answers whether a full batch was read (more may wait).</summary>
    public async Task<bool> EnrolAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        await db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO mkt_checkpoints (name, position, updated_at) SELECT @name, coalesce((SELECT max(id) FROM {CrmSharedViews.Facts}), 0), @now ON CONFLICT DO NOTHING",
            [new Npgsql.NpgsqlParameter("name", CheckpointName), new Npgsql.NpgsqlParameter("now", now)], cancellationToken);
        var checkpoint = (await db.Set<MarketingCheckpoint>().FromSql($"SELECT * FROM mkt_checkpoints WHERE name = {CheckpointName} FOR UPDATE").ToListAsync(cancellationToken)).Single();
        var journeys = (await versions.LiveAsync(db, cancellationToken)).Where(j => j.Definition.Trigger is { Type: JourneyTriggerTypes.Crm }).ToList();
        var facts = await db.Database.SqlQueryRaw<FactRow>(
            $"""
            SELECT f.id, f.type, f.contact_ids, f.properties::text AS properties
            FROM {CrmSharedViews.Facts} f WHERE f.id > @after AND f.occurred_at < @settled ORDER BY f.id LIMIT @limit
            """,
            new Npgsql.NpgsqlParameter("after", checkpoint.Position), new Npgsql.NpgsqlParameter("settled", now - SafetyLag), new Npgsql.NpgsqlParameter("limit", BatchSize))
            .ToListAsync(cancellationToken);
        var enrolled = 0;
        foreach (var fact in journeys.Count == 0 ? [] : facts)
        {
            foreach (var journey in journeys.Where(j => Starts(j.Definition.Trigger!, fact)))
            {
                foreach (var contactId in fact.ContactIds)
                {
                    if (await profiles.ProfileOfContactAsync(db, contactId, cancellationToken) is { } profileId)
                    {
                        enrolled += await JourneyEnroller.EnrolAsync(db, journey.Id, journey.Version, journey.Definition, profileId, $"crm:{fact.Id}:{contactId}", now, cancellationToken);
                    }
                }
            }
        }

        if (facts.Count > 0)
        {
            (checkpoint.Position, checkpoint.UpdatedAt) = (facts[^1].Id, now);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (enrolled > 0)
        {
            wakeUp.Wake();
        }

        return facts.Count == BatchSize;
    }

    /// <summary>The change, and for deals the stage moved into and the pipeline when the trigger names them (without case).</summary>
    private static bool Starts(JourneyTrigger trigger, FactRow fact)
    {
        if (trigger.Change != fact.Type)
        {
            return false;
        }

        using var properties = JsonDocument.Parse(fact.Properties);
        bool Is(string property, string? wanted) => wanted is null
            || (properties.RootElement.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
                && string.Equals(value.GetString(), wanted.Trim(), StringComparison.OrdinalIgnoreCase));
        return Is("to", trigger.Stage) && Is("pipeline", trigger.Pipeline);
    }

    private sealed class FactRow
    {
        public long Id { get; init; }

        public string Type { get; init; } = "";

        public Guid[] ContactIds { get; init; } = [];

        public string Properties { get; init; } = "{}";
    }
}
