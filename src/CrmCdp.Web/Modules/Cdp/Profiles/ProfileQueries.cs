using System.Text.Json;
using CrmCdp.Web.Modules.Cdp.Identity;
using CrmCdp.Web.Platform.ContactPoints;

namespace CrmCdp.Web.Modules.Cdp.Profiles;

/// <summary>
/// Reading unified profiles: lookup by any identifier, the profile with its identifiers, traits, consent, segments and
/// computed traits, its merge log, its consent history and most frequent events. Personal values are masked unless the
/// caller may view PII.
/// </summary>
internal sealed class ProfileQueries(
    IDbContextFactory<AppDbContext> dbFactory, ContactPointNormalizer normalizer, IdentityRulesProvider rulesProvider, Segments.SegmentQueries segmentQueries)
{
    public async Task<OperationResult<ProfileDto>> LookupAsync(AccessContext access, string? type, string? value, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.ProfilesRead))
        {
            return OperationResult<ProfileDto>.Forbidden(ProfileAccess.CannotRead);
        }

        var errors = new Dictionary<string, string[]>();
        var identifierType = IdentifierTypes.NormalizeType(type);
        if (identifierType is null)
        {
            errors["type"] = ["Give the identifier type: user_id, anonymous_id, email, phone or a custom id type."];
        }

        if (string.IsNullOrWhiteSpace(value) || value.Length > IdentifierTypes.MaxValueLength)
        {
            errors["value"] = [$"Give the identifier's value (1 to {IdentifierTypes.MaxValueLength} characters)."];
        }

        if (errors.Count > 0)
        {
            return OperationResult<ProfileDto>.Invalid(errors);
        }

        var normalized = identifierType switch
        {
            IdentifierTypes.Email => ContactPointNormalizer.NormalizeEmail(value) ?? value!.Trim().ToLowerInvariant(),
            IdentifierTypes.Phone => normalizer.NormalizePhone(value) ?? value!.Trim(),
            _ => value!,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var profileId = await db.Set<ProfileIdentifier>().Where(i => i.Type == identifierType && i.Value == normalized).Select(i => (Guid?)i.ProfileId)
            .SingleOrDefaultAsync(cancellationToken);
        return profileId is { } id ? await LoadAsync(access, db, id, null, cancellationToken) : OperationResult<ProfileDto>.NotFound();
    }

    /// <summary>The profile; a merged-away id answers with the profile it was merged into (<see cref="ProfileDto.RequestedId"/> tells).</summary>
    public async Task<OperationResult<ProfileDto>> GetAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.ProfilesRead))
        {
            return OperationResult<ProfileDto>.Forbidden(ProfileAccess.CannotRead);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SurvivorOfAsync(id, cancellationToken) is { } survivor
            ? await LoadAsync(access, db, survivor, survivor == id ? null : id, cancellationToken)
            : OperationResult<ProfileDto>.NotFound();
    }

    /// <summary>The profile's consent history, newest first (merged-away ids answer for the survivor).</summary>
    public async Task<OperationResult<IReadOnlyList<ConsentChangeDto>>> ConsentHistoryAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.ProfilesRead))
        {
            return OperationResult<IReadOnlyList<ConsentChangeDto>>.Forbidden(ProfileAccess.CannotRead);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.SurvivorOfAsync(id, cancellationToken) is not { } survivor)
        {
            return OperationResult<IReadOnlyList<ConsentChangeDto>>.NotFound();
        }

        var changes = await db.Set<ConsentChange>().Where(c => c.ProfileId == survivor).OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Take(200)
            .AsNoTracking().ToListAsync(cancellationToken);
        return OperationResult<IReadOnlyList<ConsentChangeDto>>.Ok([.. changes.Select(c => new ConsentChangeDto(c.Source, c.EventId, c.ContactId, JsonSerializer.Deserialize<JsonElement>(c.State), c.At))]);
    }

    /// <summary>The profile's most frequent track events and page names over its last 90 days.</summary>
    public async Task<IReadOnlyList<KeyValuePair<string, long>>> TopEventsAsync(AccessContext access, Guid id, int limit, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.ProfilesRead))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var membership = await EventMembership.OfAsync(db, id, rulesProvider, cancellationToken);
        var rows = await db.Database.SqlQueryRaw<EventCountRow>(TopEventsSql, [.. membership.Parameters(), new Npgsql.NpgsqlParameter("limit", limit)])
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new KeyValuePair<string, long>(r.Name, r.Count))];
    }

    private const string TopEventsSql = $"""
        SELECT coalesce(event, type) AS name, count(*) AS count FROM cdp_events
        WHERE {EventMembership.Predicate} AND "timestamp" > now() - interval '90 days'
        GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT @limit
        """;

    public async Task<OperationResult<IReadOnlyList<ProfileMergeDto>>> MergesAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.ProfilesRead))
        {
            return OperationResult<IReadOnlyList<ProfileMergeDto>>.Forbidden(ProfileAccess.CannotRead);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.SurvivorOfAsync(id, cancellationToken) is not { } survivor)
        {
            return OperationResult<IReadOnlyList<ProfileMergeDto>>.NotFound();
        }

        var seesPii = ProfileAccess.SeesPii(access);
        var absorbed = db.Set<Profile>().Where(p => p.MergedIntoId == survivor).Select(p => p.Id);
        var merges = await db.Set<ProfileMerge>()
            .Where(m => m.SurvivorId == survivor || m.MergedId == survivor || absorbed.Contains(m.SurvivorId) || absorbed.Contains(m.MergedId))
            .OrderByDescending(m => m.Id).Take(500).AsNoTracking().ToListAsync(cancellationToken);
        return OperationResult<IReadOnlyList<ProfileMergeDto>>.Ok([.. merges.Select(m => new ProfileMergeDto(
            m.Id, m.Kind, m.SurvivorId, m.MergedId, m.ViaType, ProfileAccess.Masked(m.ViaType, m.ViaValue, seesPii), m.AnchorType,
            ProfileAccess.Masked(m.AnchorType, m.AnchorValue, seesPii), m.EventId, seesPii ? m.Rule : MaskedRule(m), m.At))]);
    }

    /// <summary>The profile as the caller may see it (used by the commands that answer with profiles).</summary>
    public async Task<OperationResult<ProfileDto>> LoadAsync(AccessContext access, AppDbContext db, Guid id, Guid? requestedId, CancellationToken cancellationToken)
    {
        var profile = await db.Set<Profile>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (profile is null)
        {
            return OperationResult<ProfileDto>.NotFound();
        }

        var seesPii = ProfileAccess.SeesPii(access);
        var rules = await rulesProvider.CurrentAsync(cancellationToken);
        var identifiers = (await db.Set<ProfileIdentifier>().AsNoTracking().Where(i => i.ProfileId == id).ToListAsync(cancellationToken))
            .OrderBy(i => rules.Rank(i.Type)).ThenBy(i => i.FirstSeenAt)
            .Select(i => new IdentifierDto(i.Type, ProfileAccess.Masked(i.Type, i.Value, seesPii)!, i.FirstSeenAt)).ToList();
        return OperationResult<ProfileDto>.Ok(new ProfileDto(
            profile.Id, identifiers, seesPii ? JsonSerializer.Deserialize<JsonElement>(profile.Traits) : ProfilePii.MaskTraits(profile.Traits),
            JsonSerializer.Deserialize<JsonElement>(profile.TraitSources), profile.FirstSeenAt, profile.LastSeenAt, profile.EventCount, profile.ContactId, requestedId)
        {
            Consent = JsonSerializer.Deserialize<JsonElement>(profile.Consent),
            Segments = await segmentQueries.ForProfileAsync(access, id, cancellationToken),
            ComputedTraits = await segmentQueries.ComputedForProfileAsync(access, id, cancellationToken),
        });
    }

    private static string MaskedRule(ProfileMerge merge) =>
        merge.Kind == "split" ? "Split by a data steward." : "One event carried identifiers of both profiles; the joined profile keeps every limit.";

    private sealed class EventCountRow
    {
        public string Name { get; set; } = "";

        public long Count { get; set; }
    }
}
