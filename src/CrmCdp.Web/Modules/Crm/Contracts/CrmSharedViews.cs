namespace CrmCdp.Web.Modules.Crm.Contracts;

/// <summary>
/// The CRM data other modules may read in SQL: views the CRM publishes and keeps stable, so a CRM table can change
/// without breaking its readers (the view changes with it). No other module names a <c>crm_</c> table; the
/// architecture test holds every module's SQL to its own tables and such views.
/// </summary>
internal static class CrmSharedViews
{
    /// <summary>
    /// Live contacts (deleted ones left out): id, created_at, updated_at, lifecycle_stage, job_title, lead_source,
    /// email_consent, sms_consent, emails (text[], normalized), user_id (the contact's <c>userId</c> custom field).
    /// </summary>
    public const string Contacts = "crm_shared_contacts";

    /// <summary>
    /// Facts that matter to marketing (deal created, stage changed, won, lost; ticket opened, solved): id, type,
    /// record_id, contact_ids (uuid[]), company_id, occurred_at, properties (jsonb).
    /// </summary>
    public const string Facts = "crm_shared_facts";
}
