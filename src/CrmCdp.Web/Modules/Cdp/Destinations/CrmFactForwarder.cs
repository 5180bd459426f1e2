using System.Text.Json.Nodes;
using CrmCdp.Web.Modules.Cdp.Audiences;
using CrmCdp.Web.Modules.Crm.Contracts;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Destinations;

/// <summary>
/// Follows the CRM's facts (<see cref="CrmSharedViews.Facts"/>: deals created, won, lost; tickets opened, solved) from its
/// own checkpoint and writes a delivery for each destination subscribed to the fact's type, in the transaction that
/// moves the checkpoint. Facts younger than <see cref="SafetyLag"/> wait a pass: a CRM transaction may still commit a
/// lower id, as the resolver allows for with events.
/// </summary>
[SystemAccess("Destinations forward the CRM facts they subscribe to.")]
internal sealed class CrmFactForwarder(IDbContextFactory<AppDbContext> dbFactory, TimeProvider timeProvider)
{
    public const string CheckpointName = "destinations:crm-facts";
    public static readonly TimeSpan SafetyLag = TimeSpan.FromSeconds(2);
    private const int BatchSize = 1000;

    /// <summary>Forwards one batch of facts; answers how many it read.</summary>
    public async Task<int> ForwardAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();
        var destinations = (await db.Set<Destination>().AsNoTracking().Where(d => d.Enabled).ToListAsync(cancellationToken))
            .Select(d => (Destination: d, Facts: DestinationSubscriptionsJson.Read(d.Subscriptions).CrmFacts ?? [])).Where(d => d.Facts.Count > 0).ToList();
        await using var command = new NpgsqlCommand($"""
            INSERT INTO cdp_audience_checkpoints (name, last_change_id, updated_at)
            SELECT @name, coalesce((SELECT max(id) FROM {CrmSharedViews.Facts}), 0), now() ON CONFLICT DO NOTHING;
            SELECT f.id, f.type, f.record_id, f.contact_ids, f.company_id, f.occurred_at, f.properties::text
            FROM {CrmSharedViews.Facts} f, (SELECT last_change_id FROM cdp_audience_checkpoints WHERE name = @name FOR UPDATE) c
            WHERE f.id > c.last_change_id AND f.occurred_at < @settled ORDER BY f.id LIMIT @limit
            """, connection, npgsqlTransaction);
        command.Parameters.AddWithValue("name", CheckpointName);
        command.Parameters.AddWithValue("settled", timeProvider.GetUtcNow() - SafetyLag);
        command.Parameters.AddWithValue("limit", BatchSize);
        var facts = new List<(long Id, string Type, JsonObject Body)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                facts.Add((reader.GetInt64(0), reader.GetString(1), new JsonObject
                {
                    ["type"] = "crm." + reader.GetString(1),
                    ["timestamp"] = reader.GetFieldValue<DateTimeOffset>(5),
                    ["recordId"] = reader.GetGuid(2),
                    ["contactIds"] = new JsonArray([.. reader.GetFieldValue<Guid[]>(3).Select(id => (JsonNode)id.ToString())]),
                    ["companyId"] = reader.IsDBNull(4) ? null : reader.GetGuid(4),
                    ["properties"] = JsonNode.Parse(reader.GetString(6)),
                }));
            }
        }

        if (facts.Count > 0)
        {
            var now = timeProvider.GetUtcNow();
            foreach (var (destination, wanted) in destinations)
            {
                foreach (var fact in facts.Where(f => wanted.Contains(f.Type)))
                {
                    db.Add(Outbox.New(destination.Id, DeliveryKinds.Crm, fact.Body.ToJsonString(), 1, now));
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await db.Set<AudienceCheckpoint>().Where(c => c.Name == CheckpointName)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.LastChangeId, facts[^1].Id).SetProperty(c => c.UpdatedAt, DateTimeOffset.UtcNow), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return facts.Count;
    }
}
