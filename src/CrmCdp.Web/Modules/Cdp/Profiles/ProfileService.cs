using System.Security.Claims;
using System.Text;
using System.Text.Json;
using CrmCdp.Web.Modules.Cdp.Identity;
using CrmCdp.Web.Platform.Audit;
using CrmCdp.Web.Platform.ContactPoints;
using CrmCdp.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Profiles;

/// <summary>Unified profiles: lookup by any identifier, the profile with its identifiers and traits, its events, its merge log, and splits.</summary>
internal sealed class ProfileService(
    IDbContextFactory<AppDbContext> dbFactory, ContactPointNormalizer normalizer, IdentityRulesProvider rulesProvider, AuditLog audit, TimeProvider timeProvider,
    Crm.Contracts.ICrmContacts crmContacts, Segments.SegmentQueries segmentQueries)
{
    public const int MaxEventPage = 200;

    public async Task<OperationResult<ProfileDto>> LookupAsync(string? type, string? value, bool seesPii, CancellationToken cancellationToken = default)
    {
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
        return profileId is { } id ? await LoadAsync(db, id, null, seesPii, cancellationToken) : OperationResult<ProfileDto>.NotFound();
    }

    /// <summary>The profile; a merged-away id answers with the profile it was merged into (<see cref="ProfileDto.RequestedId"/> tells).</summary>
    public async Task<OperationResult<ProfileDto>> GetAsync(Guid id, bool seesPii, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var survivor = await db.Set<Profile>().Where(p => p.Id == id).Select(p => p.MergedIntoId ?? p.Id).SingleOrDefaultAsync(cancellationToken);
        return survivor == Guid.Empty ? OperationResult<ProfileDto>.NotFound() : await LoadAsync(db, survivor, survivor == id ? null : id, seesPii, cancellationToken);
    }

    /// <summary>The profile's events, newest first, in keyset pages. An event belongs to the profile of its user id, or, without a usable user id, of its anonymous id.</summary>
    public async Task<OperationResult<ProfileEventPage>> EventsAsync(Guid id, string? cursor, int? limit, CancellationToken cancellationToken = default)
    {
        var size = limit ?? 50;
        if (size is < 1 or > MaxEventPage)
        {
            return OperationResult<ProfileEventPage>.Invalid("limit", $"The limit is 1 to {MaxEventPage}.");
        }

        (DateTimeOffset At, long Id)? after = null;
        if (cursor is not null)
        {
            if (ReadCursor(cursor) is not { } parsed)
            {
                return OperationResult<ProfileEventPage>.Invalid("cursor", "The cursor is not one this API gave out.");
            }

            after = parsed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var survivor = await db.Set<Profile>().Where(p => p.Id == id).Select(p => new { Id = p.MergedIntoId ?? p.Id }).SingleOrDefaultAsync(cancellationToken);
        if (survivor is null)
        {
            return OperationResult<ProfileEventPage>.NotFound();
        }

        var contactId = await db.Set<Profile>().Where(p => p.Id == survivor.Id).Select(p => p.ContactId).SingleAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        var membership = await MembershipAsync(db, survivor.Id, cancellationToken);

        // The CRM's facts about the linked contact (deal won, ticket opened, …) join the timeline as type "crm", with negative ids.
        await using var command = new NpgsqlCommand($"""
            SELECT id, type, event, "timestamp", received_at, properties, traits, context, message_id, source_id FROM (
                SELECT id, type, event, "timestamp", received_at, payload->'properties' AS properties, payload->'traits' AS traits,
                       payload->'context' AS context, message_id, source_id
                FROM cdp_events WHERE {EventMembershipSql}
                UNION ALL
                SELECT -id, 'crm', type, occurred_at, occurred_at, properties_json, NULL, NULL, 'crm-' || id, '00000000-0000-0000-0000-000000000000'::uuid
                FROM crm_internal_events WHERE @contactId::uuid IS NOT NULL AND contact_ids @> ARRAY[@contactId::uuid]) e
            {(after is null ? "" : "WHERE (\"timestamp\", id) < (@at, @id)")}
            ORDER BY "timestamp" DESC, id DESC LIMIT @limit
            """, connection);
        membership.AddTo(command.Parameters);
        command.Parameters.Add(new NpgsqlParameter("contactId", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)contactId ?? DBNull.Value });
        command.Parameters.AddWithValue("limit", size + 1);
        if (after is { } position)
        {
            command.Parameters.AddWithValue("at", position.At);
            command.Parameters.AddWithValue("id", position.Id);
        }

        var items = new List<ProfileEventDto>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new ProfileEventDto(
                    reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                    reader.GetFieldValue<DateTimeOffset>(4), Element(reader, 5), Element(reader, 6), Element(reader, 7), reader.GetString(8), reader.GetGuid(9)));
            }
        }

        var next = items.Count > size ? Cursor(items[size - 1]) : null;
        return OperationResult<ProfileEventPage>.Ok(new ProfileEventPage([.. items.Take(size)], next));
    }

    /// <summary>Creates a CRM contact from a known profile (its email, phone and name traits) and links the two.</summary>
    public async Task<OperationResult<Guid>> CreateContactAsync(Guid id, ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var profile = await db.Set<Profile>().SingleOrDefaultAsync(p => p.Id == id && p.MergedIntoId == null, cancellationToken);
        if (profile is null)
        {
            return OperationResult<Guid>.NotFound();
        }

        if (profile.ContactId is not null)
        {
            return OperationResult<Guid>.Conflict("This profile is already linked to a contact.");
        }

        var identifiers = await db.Set<ProfileIdentifier>().Where(i => i.ProfileId == id).OrderBy(i => i.FirstSeenAt).ToListAsync(cancellationToken);
        var email = identifiers.FirstOrDefault(i => i.Type == IdentifierTypes.Email)?.Value;
        if (email is null)
        {
            return OperationResult<Guid>.Invalid("email", "Only a known profile (one with an email) can become a contact.");
        }

        var traits = JsonSerializer.Deserialize<JsonElement>(profile.Traits);
        string? Trait(params string[] names) => names.Select(n => traits.ValueKind == JsonValueKind.Object && traits.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null)
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        var fullName = Trait("name")?.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries) ?? [];
        var created = await crmContacts.CreateFromProfileAsync(
            actor, Trait("firstName", "first_name") ?? fullName.ElementAtOrDefault(0), Trait("lastName", "last_name") ?? fullName.ElementAtOrDefault(1),
            email, identifiers.FirstOrDefault(i => i.Type == IdentifierTypes.Phone)?.Value, cancellationToken);
        if (created.Value is { } contactId && contactId != Guid.Empty)
        {
            profile.ContactId = contactId;
            profile.UpdatedAt = timeProvider.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        return created;
    }

    /// <summary>
    /// Each trait's history, newest first: every value it took in the profile's events (identify traits, then
    /// context.traits), in event-time order, keeping only real changes; from the latest 1,000 events that carry traits.
    /// </summary>
    public async Task<OperationResult<IReadOnlyList<TraitChangeDto>>> TraitHistoryAsync(Guid id, bool seesPii, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var survivor = await db.Set<Profile>().Where(p => p.Id == id).Select(p => p.MergedIntoId ?? p.Id).SingleOrDefaultAsync(cancellationToken);
        if (survivor == Guid.Empty)
        {
            return OperationResult<IReadOnlyList<TraitChangeDto>>.NotFound();
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        var membership = await MembershipAsync(db, survivor, cancellationToken);
        await using var command = new NpgsqlCommand($"""
            SELECT * FROM (
                SELECT id, source_id, "timestamp", payload->'context'->'traits' AS context_traits, CASE WHEN type = 'identify' THEN payload->'traits' END AS traits
                FROM cdp_events WHERE {EventMembershipSql} AND (type = 'identify' OR payload->'context' ? 'traits')
                ORDER BY "timestamp" DESC, id DESC LIMIT 1000) latest
            ORDER BY "timestamp", id
            """, connection);
        membership.AddTo(command.Parameters);
        var changes = new List<TraitChangeDto>();
        var current = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                foreach (var ordinal in new[] { 3, 4 })
                {
                    if (reader.IsDBNull(ordinal) || JsonSerializer.Deserialize<JsonElement>(reader.GetString(ordinal)) is not { ValueKind: JsonValueKind.Object } traits)
                    {
                        continue;
                    }

                    foreach (var trait in traits.EnumerateObject())
                    {
                        var raw = trait.Value.GetRawText();
                        if (current.TryGetValue(trait.Name, out var previous) && previous == raw)
                        {
                            continue;
                        }

                        current[trait.Name] = raw;
                        changes.Add(new TraitChangeDto(trait.Name, trait.Value.Clone(), reader.GetFieldValue<DateTimeOffset>(2), reader.GetGuid(1), reader.GetInt64(0)));
                    }
                }
            }
        }

        changes.Reverse();
        return OperationResult<IReadOnlyList<TraitChangeDto>>.Ok(seesPii ? changes : [.. changes.Select(c => c with { Value = ProfilePii.MaskTrait(c.Name, c.Value) })]);
    }

    /// <summary>The profile's consent history, newest first (merged-away ids answer for the survivor).</summary>
    public async Task<OperationResult<IReadOnlyList<ConsentChangeDto>>> ConsentHistoryAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var survivor = await db.Set<Profile>().Where(p => p.Id == id).Select(p => p.MergedIntoId ?? p.Id).SingleOrDefaultAsync(cancellationToken);
        if (survivor == Guid.Empty)
        {
            return OperationResult<IReadOnlyList<ConsentChangeDto>>.NotFound();
        }

        var changes = await db.Set<ConsentChange>().Where(c => c.ProfileId == survivor).OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Take(200)
            .AsNoTracking().ToListAsync(cancellationToken);
        return OperationResult<IReadOnlyList<ConsentChangeDto>>.Ok([.. changes.Select(c => new ConsentChangeDto(c.Source, c.EventId, c.ContactId, JsonSerializer.Deserialize<JsonElement>(c.State), c.At))]);
    }

    /// <summary>The profile's most frequent track events and page names over its last 90 days.</summary>
    public async Task<IReadOnlyList<KeyValuePair<string, long>>> TopEventsAsync(Guid id, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        var membership = await MembershipAsync(db, id, cancellationToken);
        await using var command = new NpgsqlCommand($"""
            SELECT coalesce(event, type), count(*) FROM cdp_events
            WHERE {EventMembershipSql} AND "timestamp" > now() - interval '90 days'
            GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT @limit
            """, connection);
        membership.AddTo(command.Parameters);
        command.Parameters.AddWithValue("limit", limit);
        var top = new List<KeyValuePair<string, long>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            top.Add(new(reader.GetString(0), reader.GetInt64(1)));
        }

        return top;
    }

    public async Task<OperationResult<IReadOnlyList<ProfileMergeDto>>> MergesAsync(Guid id, bool seesPii, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var survivor = await db.Set<Profile>().Where(p => p.Id == id).Select(p => p.MergedIntoId ?? p.Id).SingleOrDefaultAsync(cancellationToken);
        if (survivor == Guid.Empty)
        {
            return OperationResult<IReadOnlyList<ProfileMergeDto>>.NotFound();
        }

        var absorbed = db.Set<Profile>().Where(p => p.MergedIntoId == survivor).Select(p => p.Id);
        var merges = await db.Set<ProfileMerge>()
            .Where(m => m.SurvivorId == survivor || m.MergedId == survivor || absorbed.Contains(m.SurvivorId) || absorbed.Contains(m.MergedId))
            .OrderByDescending(m => m.Id).Take(500).AsNoTracking().ToListAsync(cancellationToken);
        return OperationResult<IReadOnlyList<ProfileMergeDto>>.Ok([.. merges.Select(m => new ProfileMergeDto(
            m.Id, m.Kind, m.SurvivorId, m.MergedId, m.ViaType, Masked(m.ViaType, m.ViaValue, seesPii), m.AnchorType, Masked(m.AnchorType, m.AnchorValue, seesPii),
            m.EventId, seesPii ? m.Rule : MaskRule(m), m.At))]);
    }

    /// <summary>
    /// Moves the chosen identifiers of a profile to a new profile (a data steward undoing a bad merge). Events follow
    /// their identifiers; both profiles' counts and traits are recomputed from their events. Runs under the graph's lock.
    /// </summary>
    public async Task<OperationResult<SplitResult>> SplitAsync(Guid id, SplitInput input, ClaimsPrincipal actor, bool seesPii, CancellationToken cancellationToken = default)
    {
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

        var entry = AuditActor.For(actor, AuditActions.ProfileSplit);
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
        await RecomputeAsync(db, profile, cancellationToken);
        await RecomputeAsync(db, split, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var kept = (await LoadAsync(db, id, null, seesPii, cancellationToken)).Value!;
        var created = (await LoadAsync(db, split.Id, null, seesPii, cancellationToken)).Value!;
        return OperationResult<SplitResult>.Ok(new SplitResult(kept, created));
    }

    private const string EventMembershipSql =
        "(user_id = ANY(@userIds) OR (anonymous_id = ANY(@anonymousIds) AND (user_id IS NULL OR lower(user_id) = ANY(@blocked))))";

    /// <summary>Recomputes a profile's counts from its events and replays the events that carry traits, oldest first.</summary>
    private async Task RecomputeAsync(AppDbContext db, Profile profile, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var membership = await MembershipAsync(db, profile.Id, cancellationToken);
        var state = new ProfileState(profile.Id, false, [], []);
        await using (var command = new NpgsqlCommand($"""
            SELECT id, source_id, type, "timestamp", received_at, CASE WHEN type = 'identify' THEN payload->'traits' END, payload->'context'->'traits'
            FROM cdp_events WHERE {EventMembershipSql} AND (type = 'identify' OR payload->'context' ? 'traits') ORDER BY "timestamp", id
            """, connection))
        {
            command.Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
            membership.AddTo(command.Parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                state.Apply(new ResolvableEvent(
                    reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), null, null, null, reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4),
                    reader.IsDBNull(5) ? null : System.Text.Json.Nodes.JsonNode.Parse(reader.GetString(5)) as System.Text.Json.Nodes.JsonObject,
                    reader.IsDBNull(6) ? null : System.Text.Json.Nodes.JsonNode.Parse(reader.GetString(6)) as System.Text.Json.Nodes.JsonObject, null));
            }
        }

        await using (var stats = new NpgsqlCommand($"""SELECT count(*), min("timestamp"), max("timestamp") FROM cdp_events WHERE {EventMembershipSql}""", connection))
        {
            stats.Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
            membership.AddTo(stats.Parameters);
            await using var reader = await stats.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            profile.EventCount = reader.GetInt64(0);
            if (!reader.IsDBNull(1))
            {
                (profile.FirstSeenAt, profile.LastSeenAt) = (reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2));
            }
        }

        (profile.Traits, profile.TraitSources, profile.UpdatedAt) = (state.Traits.ToJsonString(), state.TraitSources.ToJsonString(), timeProvider.GetUtcNow());
    }

    private async Task<EventMembership> MembershipAsync(AppDbContext db, Guid profileId, CancellationToken cancellationToken)
    {
        var identifiers = await db.Set<ProfileIdentifier>().Where(i => i.ProfileId == profileId && (i.Type == IdentifierTypes.UserId || i.Type == IdentifierTypes.AnonymousId))
            .Select(i => new { i.Type, i.Value }).ToListAsync(cancellationToken);
        var rules = await rulesProvider.CurrentAsync(cancellationToken);
        return new EventMembership(
            [.. identifiers.Where(i => i.Type == IdentifierTypes.UserId).Select(i => i.Value)],
            [.. identifiers.Where(i => i.Type == IdentifierTypes.AnonymousId).Select(i => i.Value)],
            [.. rules.BlockedValues.Select(v => v.ToLowerInvariant())]);
    }

    private async Task<OperationResult<ProfileDto>> LoadAsync(AppDbContext db, Guid id, Guid? requestedId, bool seesPii, CancellationToken cancellationToken)
    {
        var profile = await db.Set<Profile>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (profile is null)
        {
            return OperationResult<ProfileDto>.NotFound();
        }

        var rules = await rulesProvider.CurrentAsync(cancellationToken);
        var identifiers = (await db.Set<ProfileIdentifier>().AsNoTracking().Where(i => i.ProfileId == id).ToListAsync(cancellationToken))
            .OrderBy(i => rules.Rank(i.Type)).ThenBy(i => i.FirstSeenAt)
            .Select(i => new IdentifierDto(i.Type, Masked(i.Type, i.Value, seesPii)!, i.FirstSeenAt)).ToList();
        return OperationResult<ProfileDto>.Ok(new ProfileDto(
            profile.Id, identifiers, seesPii ? JsonSerializer.Deserialize<JsonElement>(profile.Traits) : ProfilePii.MaskTraits(profile.Traits),
            JsonSerializer.Deserialize<JsonElement>(profile.TraitSources), profile.FirstSeenAt, profile.LastSeenAt, profile.EventCount, profile.ContactId, requestedId)
        {
            Consent = JsonSerializer.Deserialize<JsonElement>(profile.Consent),
            Segments = await segmentQueries.ForProfileAsync(id, cancellationToken),
            ComputedTraits = await segmentQueries.ComputedForProfileAsync(id, cancellationToken),
        });
    }

    private static string? Masked(string? type, string? value, bool seesPii) =>
        value is null || type is null || seesPii || !ProfilePii.IsPersonal(type) ? value : ProfilePii.Mask(type, value);

    private static string MaskRule(ProfileMerge merge) =>
        merge.Kind == "split" ? "Split by a data steward." : "One event carried identifiers of both profiles; the joined profile keeps every limit.";

    private static JsonElement? Element(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : JsonSerializer.Deserialize<JsonElement>(reader.GetString(ordinal));

    private static string Cursor(ProfileEventDto e) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{e.Timestamp.UtcTicks}:{e.Id}"));

    private static (DateTimeOffset, long)? ReadCursor(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split(':');
            return parts.Length == 2 && long.TryParse(parts[0], out var ticks) && long.TryParse(parts[1], out var id) && ticks is > 0 and < 3155378975999999999
                ? (new DateTimeOffset(ticks, TimeSpan.Zero), id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The parameters of <see cref="EventMembershipSql"/>: the profile's user and anonymous ids, and the blocked values.</summary>
    private sealed record EventMembership(string[] UserIds, string[] AnonymousIds, string[] Blocked)
    {
        public void AddTo(NpgsqlParameterCollection parameters)
        {
            parameters.AddWithValue("userIds", UserIds);
            parameters.AddWithValue("anonymousIds", AnonymousIds);
            parameters.AddWithValue("blocked", Blocked);
        }
    }
}
