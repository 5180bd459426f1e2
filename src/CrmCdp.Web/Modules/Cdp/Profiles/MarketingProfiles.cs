using System.Text.Json;
using CrmCdp.Web.Modules.Cdp.Contracts;
using CrmCdp.Web.Modules.Cdp.Destinations;
using CrmCdp.Web.Modules.Cdp.Identity;
using CrmCdp.Web.Modules.Cdp.Segments;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace CrmCdp.Web.Modules.Cdp.Profiles;

[SystemAccess("Journeys act on the profiles their triggers hand them; the journey's own permissions were checked when it was published.")]
internal sealed partial class MarketingProfiles(DestinationProfiles snapshots, IResolvedEventFeed feed, TimeProvider timeProvider) : ICdpProfilesForMarketing
{
    public async Task<MarketingProfile?> LoadAsync(AppDbContext db, Guid profileId, CancellationToken cancellationToken = default)
    {
        if (await SurvivorAsync(db, profileId, cancellationToken) is not { } id)
        {
            return null;
        }

        var snapshot = (await snapshots.LoadAsync(db, [id], cancellationToken))[id];
        var contactId = await db.Set<Profile>().Where(p => p.Id == id).Select(p => p.ContactId).SingleAsync(cancellationToken);
        var computed = await db.Set<ProfileComputedValue>().Where(v => v.ProfileId == id)
            .ToDictionaryAsync(v => v.Key, v => v.TextValue ?? (object?)v.Value, cancellationToken);
        var traits = Flatten(snapshot.Traits);
        var email = snapshot.Email ?? (traits.GetValueOrDefault("email") as string);
        return new MarketingProfile(id, contactId, snapshot.UserId, email, traits, computed, ConsentGate.Allows(snapshot.Consent, "email"), snapshot.Suppressed);
    }

    public async Task<bool> PerformedSinceAsync(AppDbContext db, Guid profileId, string eventName, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var id = await SurvivorAsync(db, profileId, cancellationToken) ?? profileId;
        await using var command = await CommandAsync(db, $"SELECT EXISTS (SELECT 1 FROM ({EventMembership.RowsOfProfiles("@since", "@as_of", "@ids")}) pe WHERE pe.name = @name)");
        command.Parameters.AddWithValue("since", since);
        command.Parameters.AddWithValue("as_of", timeProvider.GetUtcNow().AddMinutes(1));
        command.Parameters.AddWithValue("name", eventName);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = new[] { id } });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyDictionary<string, string[]>> CheckConditionAsync(AppDbContext db, JsonElement condition, string path, CancellationToken cancellationToken = default)
    {
        SegmentCondition? parsed;
        try
        {
            parsed = condition.Deserialize<SegmentCondition>(SegmentDefinitions.Json);
        }
        catch (JsonException e)
        {
            return new Dictionary<string, string[]> { [path] = [$"The condition is not a valid segment definition: {e.Message}"] };
        }

        var computed = await db.Set<ComputedTrait>().Select(t => t.Key).ToListAsync(cancellationToken);
        var segments = await db.Set<Segment>().Select(s => s.Id).ToListAsync(cancellationToken);
        return SegmentConditionValidator.Validate(parsed, path, computed.ToHashSet(StringComparer.Ordinal), segments.ToHashSet());
    }

    public async Task<bool> MatchesAsync(AppDbContext db, Guid profileId, JsonElement condition, CancellationToken cancellationToken = default)
    {
        var id = await SurvivorAsync(db, profileId, cancellationToken) ?? profileId;
        var definition = condition.Deserialize<SegmentCondition>(SegmentDefinitions.Json) ?? new SegmentCondition();
        var compiled = SegmentSqlCompiler.Compile(definition, new SegmentQueryOptions(timeProvider.GetUtcNow(), [id]));
        await using var command = await CommandAsync(db, $"SELECT EXISTS (SELECT 1 FROM ({compiled.Sql}) matched)");
        compiled.AddTo(command);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<(Guid Id, string Name)>> SegmentsAsync(AppDbContext db, CancellationToken cancellationToken = default) =>
        [.. (await db.Set<Segment>().AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken)).Select(s => (s.Id, s.Name))];

    public async Task<IReadOnlyList<Guid>> SegmentMembersAsync(AppDbContext db, Guid segmentId, CancellationToken cancellationToken = default) =>
        await db.Set<SegmentMember>().Where(m => m.SegmentId == segmentId).Select(m => m.ProfileId).ToListAsync(cancellationToken);

    public Task<bool> SegmentExistsAsync(AppDbContext db, Guid segmentId, CancellationToken cancellationToken = default) =>
        db.Set<Segment>().AnyAsync(s => s.Id == segmentId, cancellationToken);

    public async Task RevokeEmailConsentAsync(AppDbContext db, Guid profileId, string source, CancellationToken cancellationToken = default)
    {
        if (await SurvivorAsync(db, profileId, cancellationToken) is not { } id)
        {
            return;
        }

        // The resolver writes consent back at the end of its batch: under its lock, this change cannot be overwritten.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({IdentityResolutionProcessor.GraphLock})", cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            WITH changed AS (
                UPDATE cdp_profiles SET consent = consent || jsonb_build_object('email', false), updated_at = now()
                WHERE id = {id} AND consent->'email' IS DISTINCT FROM 'false'::jsonb
                RETURNING id, consent, contact_id)
            INSERT INTO cdp_consent_changes (profile_id, source, contact_id, state, at)
            SELECT id, {source}, contact_id, consent, now() FROM changed
            """, cancellationToken);
    }

    /// <summary>The live profile a (possibly merged) profile id stands for; null when there is none.</summary>
    private static async Task<Guid?> SurvivorAsync(AppDbContext db, Guid profileId, CancellationToken cancellationToken)
    {
        Guid? id = profileId;
        for (var hops = 0; hops < 16 && id is { } current; hops++)
        {
            var row = await db.Set<Profile>().Where(p => p.Id == current).Select(p => new { p.MergedIntoId }).SingleOrDefaultAsync(cancellationToken);
            if (row is null)
            {
                return null;
            }

            if (row.MergedIntoId is null)
            {
                return current;
            }

            id = row.MergedIntoId;
        }

        return null;
    }

    private static Dictionary<string, object?> Flatten(string traitsJson)
    {
        var traits = new Dictionary<string, object?>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(traitsJson) ? "{}" : traitsJson);
        foreach (var trait in document.RootElement.EnumerateObject())
        {
            traits[trait.Name] = trait.Value.ValueKind switch
            {
                JsonValueKind.String => trait.Value.GetString(),
                JsonValueKind.Number => trait.Value.GetDecimal(),
                JsonValueKind.True or JsonValueKind.False => trait.Value.GetBoolean(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => trait.Value.GetRawText(),
            };
        }

        return traits;
    }

    private static async Task<NpgsqlCommand> CommandAsync(AppDbContext db, string sql)
    {
        await db.Database.OpenConnectionAsync();
        return new(sql, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
    }
}
