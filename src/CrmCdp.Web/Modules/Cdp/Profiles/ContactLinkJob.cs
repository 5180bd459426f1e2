using CrmCdp.Web.Modules.Cdp.Identity;
using CrmCdp.Web.Modules.Crm.Contracts;
using CrmCdp.Web.Platform.Jobs;
using Hangfire;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Profiles;

/// <summary>
/// The CRM join (the one place the CDP reads CRM tables, on purpose): a profile is linked to the contact holding one of
/// its user ids (the contact's <c>userId</c> custom field) or emails. Resolution links the profiles it touches; this
/// job, every minute, links the profiles of contacts changed since its last run, copies their CRM fields into the
/// profile as crm_* traits and their email / SMS consent into its consent state (each change in cdp_consent_changes).
/// </summary>
internal sealed class ContactLinkJob(IDbContextFactory<AppDbContext> dbFactory) : IRecurringJobDefinition
{
    public const string Id = "cdp:link-contacts";
    public const string CheckpointName = "contact-link";

    /// <summary>
    /// A contact's updated_at is stamped before its transaction commits, so a run can pass its time unseen. Each run
    /// looks this far behind its checkpoint again; contacts already copied change nothing (only differences are written).
    /// </summary>
    private static readonly TimeSpan CommitOverlap = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Links profiles (by id, a parameter @ids) to a live contact holding one of their user ids (in the contact's
    /// <c>userId</c> custom field) or, failing that, one of their emails; the oldest such contact wins.
    /// </summary>
    public const string LinkProfilesSql = $"""
        UPDATE cdp_profiles p SET contact_id = l.contact_id, updated_at = now()
        FROM (SELECT DISTINCT ON (i.profile_id) i.profile_id, c.id AS contact_id
              FROM cdp_identifiers i JOIN {CrmSharedViews.Contacts} c ON
                  (i.type = 'email' AND c.emails @> ARRAY[i.value::text])
                  OR (i.type = 'user_id' AND c.user_id = i.value)
              WHERE i.profile_id = ANY(@ids) AND i.type IN ('email', 'user_id')
              ORDER BY i.profile_id, (i.type = 'user_id') DESC, c.created_at) l
        WHERE p.id = l.profile_id AND p.contact_id IS NULL AND p.merged_into_id IS NULL
        """;

    /// <summary>
    /// Copies the CRM fields and consent of the contacts changed in (@since − @overlap, @until] into their profiles
    /// (linking those not linked yet), writing only what differs; each consent change is recorded.
    /// </summary>
    private const string CopyChangedContactsSql = $"""
            WITH contacts AS (
                SELECT c.id, c.created_at, c.updated_at, c.lifecycle_stage, c.job_title, c.lead_source, c.email_consent, c.sms_consent, c.emails, c.user_id
                FROM {CrmSharedViews.Contacts} c WHERE c.updated_at > @since - @overlap AND c.updated_at <= @until),
            changed AS (
                SELECT c.*, 'email' AS id_type, e.email AS id_value FROM contacts c CROSS JOIN LATERAL unnest(c.emails) AS e(email)
                UNION ALL
                SELECT c.*, 'user_id', c.user_id FROM contacts c WHERE c.user_id IS NOT NULL),
            links AS (
                SELECT DISTINCT ON (i.profile_id) i.profile_id, ch.*
                FROM changed ch JOIN cdp_identifiers i ON i.type = ch.id_type AND i.value = ch.id_value
                ORDER BY i.profile_id, (ch.id_type = 'user_id') DESC, ch.created_at),
            consent_changes AS (
                INSERT INTO cdp_consent_changes (profile_id, source, contact_id, state, at)
                SELECT p.id, 'crm', l.id, p.consent || jsonb_build_object('email', l.email_consent, 'sms', l.sms_consent), l.updated_at
                FROM links l JOIN cdp_profiles p ON p.id = l.profile_id
                WHERE p.merged_into_id IS NULL AND (p.contact_id IS NULL OR p.contact_id = l.id)
                  AND (p.consent->'email' IS DISTINCT FROM to_jsonb(l.email_consent) OR p.consent->'sms' IS DISTINCT FROM to_jsonb(l.sms_consent)))
            UPDATE cdp_profiles p SET
                consent = p.consent || jsonb_build_object('email', l.email_consent, 'sms', l.sms_consent),
                contact_id = coalesce(p.contact_id, l.id),
                traits = p.traits || jsonb_build_object('crm_lifecycle_stage', l.lifecycle_stage, 'crm_job_title', l.job_title, 'crm_lead_source', l.lead_source),
                trait_sources = p.trait_sources || jsonb_build_object(
                    'crm_lifecycle_stage', jsonb_build_object('at', l.updated_at, 'source', 'crm', 'contactId', l.id),
                    'crm_job_title', jsonb_build_object('at', l.updated_at, 'source', 'crm', 'contactId', l.id),
                    'crm_lead_source', jsonb_build_object('at', l.updated_at, 'source', 'crm', 'contactId', l.id)),
                updated_at = now()
            FROM links l
            WHERE p.id = l.profile_id AND p.merged_into_id IS NULL AND (p.contact_id IS NULL OR p.contact_id = l.id)
              AND (p.contact_id IS NULL
                   OR p.consent->'email' IS DISTINCT FROM to_jsonb(l.email_consent) OR p.consent->'sms' IS DISTINCT FROM to_jsonb(l.sms_consent)
                   OR p.traits->'crm_lifecycle_stage' IS DISTINCT FROM to_jsonb(l.lifecycle_stage)
                   OR p.traits->'crm_job_title' IS DISTINCT FROM to_jsonb(l.job_title)
                   OR p.traits->'crm_lead_source' IS DISTINCT FROM to_jsonb(l.lead_source))
            """;

    public void Register(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<ContactLinkJob>(Id, job => job.RunAsync(CancellationToken.None), Cron.Minutely());

    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The resolver reads a profile's traits and consent and writes them back at the end of its batch: without the
        // graph lock, crm_* traits written in between would be overwritten and lost.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({IdentityResolutionProcessor.GraphLock})", cancellationToken);
        await db.Database.ExecuteSqlAsync($"INSERT INTO cdp_resolution_checkpoints (name, last_event_id, updated_at) VALUES ({CheckpointName}, 0, now()) ON CONFLICT DO NOTHING", cancellationToken);
        var since = await db.Set<ResolutionCheckpoint>().Where(c => c.Name == CheckpointName).Select(c => c.LastReceivedAt).SingleAsync(cancellationToken) ?? DateTimeOffset.MinValue;
        var until = await db.Database.SqlQuery<DateTimeOffset>($"SELECT now() AS \"Value\"").SingleAsync(cancellationToken);
        var linked = await db.Database.ExecuteSqlRawAsync(
            CopyChangedContactsSql, [new NpgsqlParameter("since", since), new NpgsqlParameter("overlap", CommitOverlap), new NpgsqlParameter("until", until)],
            cancellationToken);
        await db.Database.ExecuteSqlAsync($"UPDATE cdp_resolution_checkpoints SET last_received_at = {until}, updated_at = now() WHERE name = {CheckpointName}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return linked;
    }
}
