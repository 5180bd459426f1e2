namespace CrmCdp.Web.Platform.Auth;

/// <summary>
/// Every permission the application checks. Authorization policies carry these names, so an
/// endpoint or page says <c>RequireAuthorization(Permissions.Crm.ContactsRead)</c>.
/// Later features add constants here and their defaults in <see cref="BuiltInRoles"/>.
/// </summary>
internal static class Permissions
{
    public static class Crm
    {
        public const string ContactsRead = "crm.contacts.read";
        public const string ContactsCreate = "crm.contacts.create";
        public const string ContactsEdit = "crm.contacts.edit";
        public const string ContactsDelete = "crm.contacts.delete";
        public const string ContactsImport = "crm.contacts.import";
        public const string ContactsExport = "crm.contacts.export";
        public const string CompaniesRead = "crm.companies.read";
        public const string CompaniesCreate = "crm.companies.create";
        public const string CompaniesEdit = "crm.companies.edit";
        public const string CompaniesDelete = "crm.companies.delete";
        public const string CompaniesImport = "crm.companies.import";
        public const string CompaniesExport = "crm.companies.export";
        public const string ActivitiesRead = "crm.activities.read";
        public const string ActivitiesCreate = "crm.activities.create";
        public const string ActivitiesEdit = "crm.activities.edit";
        public const string ActivitiesDelete = "crm.activities.delete";
        public const string TasksRead = "crm.tasks.read";
        public const string TasksCreate = "crm.tasks.create";
        public const string TasksEdit = "crm.tasks.edit";
        public const string TasksDelete = "crm.tasks.delete";
        public const string DealsRead = "crm.deals.read";
        public const string DealsCreate = "crm.deals.create";
        public const string DealsEdit = "crm.deals.edit";
        public const string DealsDelete = "crm.deals.delete";
        public const string DealsExport = "crm.deals.export";
        public const string TicketsRead = "crm.tickets.read";
        public const string TicketsCreate = "crm.tickets.create";
        public const string TicketsEdit = "crm.tickets.edit";
        public const string TicketsDelete = "crm.tickets.delete";
        public const string RecordsRestore = "crm.records.restore";

        /// <summary>Email contacts the holder can see, from the CRM.</summary>
        public const string EmailsSend = "crm.emails.send";

        /// <summary>Build web forms and review their submissions (spam included).</summary>
        public const string FormsManage = "crm.forms.manage";
    }

    public static class Cdp
    {
        public const string ProfilesRead = "cdp.profiles.read";

        /// <summary>The behaviour (events, segments, intent score) of the profile linked to a CRM contact the holder can see.</summary>
        public const string LinkedProfilesRead = "cdp.linkedprofiles.read";
        public const string ProfilesEdit = "cdp.profiles.edit";
        public const string SourcesManage = "cdp.sources.manage";
        public const string SegmentsRead = "cdp.segments.read";
        public const string SegmentsManage = "cdp.segments.manage";
        public const string SegmentsExport = "cdp.segments.export";
        public const string ComputedTraitsManage = "cdp.computedtraits.manage";
        public const string ActivationsManage = "cdp.activations.manage";
        public const string DestinationsManage = "cdp.destinations.manage";

        /// <summary>Trends and funnels over every event (behavioural analytics).</summary>
        public const string InsightsRead = "cdp.insights.read";
    }

    public static class Marketing
    {
        /// <summary>Marketing email templates: preview for a profile and test sends.</summary>
        public const string EmailManage = "marketing.email.manage";
        public const string JourneysManage = "marketing.journeys.manage";
        public const string CampaignsSend = "marketing.campaigns.send";
    }

    public static class Privacy
    {
        public const string PiiView = "privacy.pii.view";
        public const string PiiReveal = "privacy.pii.reveal";
        public const string RequestsManage = "privacy.requests.manage";
    }

    public static class Admin
    {
        public const string UsersManage = "admin.users.manage";
        public const string RolesManage = "admin.roles.manage";
        public const string ApiKeysManage = "admin.apikeys.manage";
        public const string AuditRead = "admin.audit.read";
        public const string AuditExport = "admin.audit.export";
        public const string Jobs = "admin.jobs";
        public const string CustomFieldsManage = "admin.customfields.manage";
        public const string PipelinesManage = "admin.pipelines.manage";

        /// <summary>Sales quotas per rep and month.</summary>
        public const string QuotasManage = "admin.quotas.manage";

        /// <summary>The SMTP server, the senders and the send log.</summary>
        public const string EmailManage = "admin.email.manage";

        /// <summary>Email templates, shared by CRM email and marketing.</summary>
        public const string EmailTemplatesManage = "admin.emailtemplates.manage";
    }

    /// <summary>Permissions on records that have an owner; they carry a scope (own / team / all).</summary>
    public static IReadOnlyList<string> Scoped { get; } =
    [
        Crm.ContactsRead, Crm.ContactsCreate, Crm.ContactsEdit, Crm.ContactsDelete, Crm.ContactsImport, Crm.ContactsExport,
        Crm.CompaniesRead, Crm.CompaniesCreate, Crm.CompaniesEdit, Crm.CompaniesDelete, Crm.CompaniesImport, Crm.CompaniesExport,
        Crm.ActivitiesRead, Crm.ActivitiesCreate, Crm.ActivitiesEdit, Crm.ActivitiesDelete,
        Crm.TasksRead, Crm.TasksCreate, Crm.TasksEdit, Crm.TasksDelete,
        Crm.DealsRead, Crm.DealsCreate, Crm.DealsEdit, Crm.DealsDelete, Crm.DealsExport,
        Crm.TicketsRead, Crm.TicketsCreate, Crm.TicketsEdit, Crm.TicketsDelete,
    ];

    public static IReadOnlyList<string> All { get; } =
    [
        .. Scoped,
        Crm.RecordsRestore, Crm.EmailsSend, Crm.FormsManage,
        Cdp.ProfilesRead, Cdp.LinkedProfilesRead, Cdp.ProfilesEdit, Cdp.SourcesManage, Cdp.SegmentsRead, Cdp.SegmentsManage, Cdp.SegmentsExport, Cdp.ComputedTraitsManage, Cdp.ActivationsManage, Cdp.DestinationsManage, Cdp.InsightsRead,
        Marketing.EmailManage, Marketing.JourneysManage, Marketing.CampaignsSend,
        Admin.UsersManage, Admin.RolesManage, Admin.ApiKeysManage, Admin.AuditRead, Admin.AuditExport, Admin.Jobs, Admin.CustomFieldsManage, Admin.PipelinesManage, Admin.QuotasManage, Admin.EmailManage, Admin.EmailTemplatesManage, Privacy.PiiView, Privacy.PiiReveal, Privacy.RequestsManage,
    ];

    private static readonly HashSet<string> Known = [.. All];
    private static readonly HashSet<string> KnownScoped = [.. Scoped];

    public static bool IsKnown(string name) => Known.Contains(name);

    public static bool IsScoped(string name) => KnownScoped.Contains(name);
}
