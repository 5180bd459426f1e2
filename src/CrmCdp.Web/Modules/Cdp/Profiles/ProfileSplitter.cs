using System.Text.Json.Nodes;
using CrmCdp.Web.Modules.Cdp.Identity;
using CrmCdp.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Profiles;

/// <summary>
/// A data steward undoing a bad merge: the chosen identifiers of a profile move to a new profile, events follow their
/// identifiers, and both profiles' counts and traits are recomputed from their events. Runs under the graph's lock.
/// </summary>
internal sealed class ProfileSplitter(
    IDbContextFactory<AppDbContext> dbFactory, IdentityRulesProvider rulesProvider, ProfileQueries queries, AuditLog audit, TimeProvider timeProvider)
{
    private const string CannotSplit = "Your role cannot split profiles.";

    private const string TraitEventsSql = $"""
        SELECT id, source_id, type, "timestamp", received_at, CASE WHEN type = 'identify' THEN (payload->'traits')::text END AS traits,
               (payload->'context'->'traits')::text AS context_traits
        FROM cdp_events WHERE {EventMembership.Predicate} AND (type = 'identify' OR payload->'context' ? 'traits') ORDER BY "timestamp", id
        """;

    private const string ActivitySql = $"""
        SELECT count(*) AS events, min("timestamp") AS first_at, max("timestamp") AS last_at FROM cdp_events WHERE {EventMembership.Predicate}
        """;

    /// <summary>
    /// The identifiers a split may move, with what the caller may see of each. The stored values stay on the server (a
    /// data steward without "view PII" splits by the masked text); the API takes values, as its callers know them.
    /// </summary>
    public async Task<OperationResult<IReadOnlyList<SplitCandidate>>> CandidatesAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.ProfilesEdit))
        {
            return OperationResult<IReadOnlyList<SplitCandidate>>.Forbidden(CannotSplit);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rules = await rulesProvider.CurrentAsync(cancellationToken);
        var seesPii = ProfileAccess.SeesPii(access);
        var identifiers = await db.Set<ProfileIdentifier>().AsNoTracking().Where(i => i.ProfileId == id).ToListAsync(cancellationToken);
        return OperationResult<IReadOnlyList<SplitCandidate>>.Ok([.. identifiers.OrderBy(i => rules.Rank(i.Type)).ThenBy(i => i.FirstSeenAt)
            .Select(i => new SplitCandidate(i.Type, i.Value, ProfileAccess.Masked(i.Type, i.Value, seesPii)!))]);
    }

    public async Task<OperationResult<SplitResult>> SplitAsync(AccessContext access, Guid id, SplitInput input, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.ProfilesEdit))
        {
            return OperationResult<SplitResult>.Forbidden(CannotSplit);
        }

        var moving = (input.Identifiers ?? []).Where(i => i is not null).Select(i => new Identifier(IdentifierTypes.NormalizeType(i.Type) ?? "", i.Value ?? "")).Distinct().ToList();
        if (moving.Count == 0)
        {
            return OperationResult<SplitResult>.Invalid("identifiers", "Choose the identifiers that move to the new profile.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({IdentityResolutionProcessor.GraphLock})", cancellationToken);
        var profile = await db.Set<Profile>().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (profile is null || profile.MergedIntoId is not null)
        {
            return profile is null ? OperationResult<SplitResult>.NotFound() : OperationResult<SplitResult>.Conflict("This profile was merged into another; split that one.");
        }

        var held = await db.Set<ProfileIdentifier>().Where(i => i.ProfileId == id).ToListAsync(cancellationToken);
        var foreign = moving.Where(m => !held.Any(h => h.Type == m.Type && h.Value == m.Value)).ToList();
        if (foreign.Count > 0)
        {
            return OperationResult<SplitResult>.Invalid("identifiers", $"Not identifiers of this profile: {string.Join(", ", foreign.Select(f => f.ToString()))}.");
        }

        if (moving.Count == held.Count)
        {
            return OperationResult<SplitResult>.Invalid("identifiers", "Leave at least one identifier on the profile.");
        }

        var now = timeProvider.GetUtcNow();
        var split = new Profile { Id = Guid.CreateVersion7(), CreatedAt = now, UpdatedAt = now, FirstSeenAt = now, LastSeenAt = now };
        db.Add(split);
        foreach (var identifier in held.Where(h => moving.Contains(new Identifier(h.Type, h.Value))))
        {
            identifier.ProfileId = split.Id;
        }

        var entry = AuditActor.For(access, AuditActions.ProfileSplit);
        db.Add(new ProfileMerge
        {
            Kind = "split",
            SurvivorId = id,
            MergedId = split.Id,
            At = now,
            ActorUserId = entry.UserId,
            Rule = $"Split by a data steward: {moving.Count} identifier(s) moved to a new profile.",
            ViaType = moving[0].Type,
            ViaValue = moving[0].Value,
        });
        (entry.RecordType, entry.RecordId, entry.Summary) = ("profile", id.ToString(), $"Split {moving.Count} identifier(s) into profile {split.Id}");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        // The events of the identifiers that left follow them to the new profile, with their rollups.
        var blocked = (await rulesProvider.CurrentAsync(cancellationToken)).BlockedValues;
        await EventOwnership.ReassignAsync((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction(),
            EventOwnership.EventsOfProfile, [new NpgsqlParameter("profile", id)], blocked, cancellationToken);
        await RecomputeAsync(db, profile, cancellationToken);
        await RecomputeAsync(db, split, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(Audiences.AudienceQueue.EnqueueSql, [Audiences.AudienceQueue.IdsParameter([id, split.Id])], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var kept = (await queries.LoadAsync(access, db, id, null, cancellationToken)).Value!;
        var created = (await queries.LoadAsync(access, db, split.Id, null, cancellationToken)).Value!;
        return OperationResult<SplitResult>.Ok(new SplitResult(kept, created));
    }

    /// <summary>Recomputes a profile's counts from its events and replays the events that carry traits, oldest first.</summary>
    private async Task RecomputeAsync(AppDbContext db, Profile profile, CancellationToken cancellationToken)
    {
        var membership = await EventMembership.OfAsync(db, profile.Id, rulesProvider, cancellationToken);
        var state = new ProfileState(profile.Id, false, [], []);
        foreach (var row in await db.Database.SqlQueryRaw<TraitEventRow>(TraitEventsSql, membership.Parameters()).ToListAsync(cancellationToken))
        {
            state.Apply(new ResolvableEvent(
                row.Id, row.SourceId, row.Type, null, null, null, row.Timestamp, row.ReceivedAt,
                row.Traits is null ? null : JsonNode.Parse(row.Traits) as JsonObject, row.ContextTraits is null ? null : JsonNode.Parse(row.ContextTraits) as JsonObject, null));
        }

        var activity = await db.Database.SqlQueryRaw<ActivityRow>(ActivitySql, membership.Parameters()).SingleAsync(cancellationToken);
        profile.EventCount = activity.Events;
        if (activity.FirstAt is { } first && activity.LastAt is { } last)
        {
            (profile.FirstSeenAt, profile.LastSeenAt) = (first, last);
        }

        (profile.Traits, profile.TraitSources, profile.UpdatedAt) = (state.Traits.ToJsonString(), state.TraitSources.ToJsonString(), timeProvider.GetUtcNow());
    }

    private sealed class TraitEventRow
    {
        public long Id { get; set; }

        public Guid SourceId { get; set; }

        public string Type { get; set; } = "";

        public DateTimeOffset Timestamp { get; set; }

        public DateTimeOffset ReceivedAt { get; set; }

        public string? Traits { get; set; }

        public string? ContextTraits { get; set; }
    }

    private sealed class ActivityRow
    {
        public long Events { get; set; }

        public DateTimeOffset? FirstAt { get; set; }

        public DateTimeOffset? LastAt { get; set; }
    }
}
