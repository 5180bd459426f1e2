using System.Text.Json;
using CrmCdp.Web.Modules.Cdp.Audiences;
using CrmCdp.Web.Modules.Cdp.Contracts;
using CrmCdp.Web.Modules.Cdp.Identity;
using CrmCdp.Web.Modules.Crm.Contracts;
using Npgsql;
using NpgsqlTypes;

namespace CrmCdp.Web.Modules.Cdp.Profiles;

/// <summary>What journeys change or wait for on a profile: an event with property filters, a trait, the profile of a CRM contact.</summary>
internal sealed partial class MarketingProfiles
{
    public async Task<bool> PerformedSinceAsync(AppDbContext db, Guid profileId, JsonElement eventCondition, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var id = await SurvivorAsync(db, profileId, cancellationToken) ?? profileId;
        var eventName = eventCondition.TryGetProperty("event", out var named) ? named.GetString() ?? "" : "";
        await using var command = await CommandAsync(db, $"""
            SELECT pe.id, pe.profile_id, pe.type, pe.name, pe."timestamp", coalesce(pe.properties, '{"{}"}'::jsonb)::text
            FROM ({EventMembership.RowsOfProfiles("@since", "@as_of", "@ids", withProperties: true, names: "@names")}) pe
            """);
        command.Parameters.AddWithValue("since", since);
        command.Parameters.AddWithValue("as_of", timeProvider.GetUtcNow().AddMinutes(1));
        command.Parameters.Add(new NpgsqlParameter("names", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = new[] { eventName } });
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = new[] { id } });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var resolved = new ResolvedEvent(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetString(5));
            if (resolved.Timestamp >= since && feed.Matches(eventCondition, resolved))
            {
                return true;
            }
        }

        return false;
    }

    public async Task SetTraitAsync(AppDbContext db, Guid profileId, string trait, JsonElement? value, CancellationToken cancellationToken = default)
    {
        if (await SurvivorAsync(db, profileId, cancellationToken) is not { } id)
        {
            return;
        }

        var json = value is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } set ? set.GetRawText() : null;
        // The resolver writes traits back at the end of its batch: under its lock, this change cannot be overwritten.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({IdentityResolutionProcessor.GraphLock})", cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE cdp_profiles SET
                traits = CASE WHEN {json}::jsonb IS NULL THEN traits - {trait} ELSE traits || jsonb_build_object({trait}, {json}::jsonb) END,
                trait_sources = trait_sources || jsonb_build_object({trait}, jsonb_build_object('at', now(), 'source', 'journey')),
                updated_at = now()
            WHERE id = {id}
            """, cancellationToken);
        await db.Database.ExecuteSqlRawAsync(AudienceQueue.EnqueueSql, [AudienceQueue.IdsParameter([id])], cancellationToken);
    }

    public async Task<Guid?> ProfileOfContactAsync(AppDbContext db, Guid contactId, CancellationToken cancellationToken = default)
    {
        if (await LinkedProfileAsync(db, contactId, cancellationToken) is { } linked)
        {
            return linked;
        }

        var contact = await db.Database.SqlQueryRaw<ContactKeys>(
            $"SELECT c.emails, c.user_id, c.email_consent, c.sms_consent FROM {CrmSharedViews.Contacts} c WHERE c.id = @contact", new NpgsqlParameter("contact", contactId))
            .SingleOrDefaultAsync(cancellationToken);
        if (contact is null || (contact.Emails.Length == 0 && contact.UserId is null))
        {
            return null;
        }

        // Under the resolver's lock: the person's identifiers cannot move (or be taken by a new profile) meanwhile.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({IdentityResolutionProcessor.GraphLock})", cancellationToken);
        var known = await db.Set<ProfileIdentifier>()
            .Where(i => (i.Type == IdentifierTypes.Email && contact.Emails.Contains(i.Value)) || (i.Type == IdentifierTypes.UserId && i.Value == contact.UserId))
            .OrderByDescending(i => i.Type == IdentifierTypes.UserId).ThenBy(i => i.FirstSeenAt).Select(i => (Guid?)i.ProfileId).FirstOrDefaultAsync(cancellationToken);
        if (known is { } existing && await SurvivorAsync(db, existing, cancellationToken) is { } survivor)
        {
            await db.Database.ExecuteSqlAsync($"UPDATE cdp_profiles SET contact_id = {contactId}, updated_at = now() WHERE id = {survivor} AND contact_id IS NULL", cancellationToken);
            return survivor;
        }

        if (contact.Emails.FirstOrDefault() is not { } email)
        {
            return null;
        }

        var id = Guid.CreateVersion7();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO cdp_profiles (id, traits, trait_sources, consent, first_seen_at, last_seen_at, event_count, contact_id, created_at, updated_at)
            VALUES ({id}, jsonb_build_object('email', {email}), jsonb_build_object('email', jsonb_build_object('at', now(), 'source', 'crm', 'contactId', {contactId})),
                    jsonb_build_object('email', {contact.EmailConsent}, 'sms', {contact.SmsConsent}), now(), now(), 0, {contactId}, now(), now());
            INSERT INTO cdp_identifiers (type, value, first_seen_at, profile_id) VALUES ({IdentifierTypes.Email}, {email}, now(), {id});
            """, cancellationToken);
        return id;
    }

    private static Task<Guid?> LinkedProfileAsync(AppDbContext db, Guid contactId, CancellationToken cancellationToken) =>
        db.Set<Profile>().Where(p => p.ContactId == contactId && p.MergedIntoId == null).OrderBy(p => p.CreatedAt).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);

    private sealed class ContactKeys
    {
        public string[] Emails { get; init; } = [];

        public string? UserId { get; init; }

        public bool EmailConsent { get; init; }

        public bool SmsConsent { get; init; }
    }
}
