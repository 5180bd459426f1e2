using static CrmCdp.Web.Platform.Auth.Permissions;

namespace CrmCdp.Web.Platform.Auth;

/// <summary>The roles every installation starts with, and the permissions each gets by default.</summary>
internal static class BuiltInRoles
{
    public const string Admin = "Admin";
    public const string SalesManager = "SalesManager";
    public const string SalesRep = "SalesRep";
    public const string Marketer = "Marketer";
    public const string SupportAgent = "SupportAgent";

    public static IReadOnlyList<BuiltInRole> All { get; } =
    [
        new(Admin, "Manages users, roles, API keys and every record.",
            [.. Permissions.All.Select(p => new PermissionGrant(p, RecordScope.All))]),
        new(SalesManager, "Leads a sales team: the team's records, reports, exports.",
            [.. Grant(RecordScope.Team,
                Crm.ContactsRead, Crm.ContactsCreate, Crm.ContactsEdit, Crm.ContactsDelete, Crm.ContactsImport, Crm.ContactsExport,
                Crm.CompaniesRead, Crm.CompaniesCreate, Crm.CompaniesEdit, Crm.CompaniesDelete, Crm.CompaniesImport, Crm.CompaniesExport,
                Crm.ActivitiesRead, Crm.ActivitiesCreate, Crm.ActivitiesEdit, Crm.ActivitiesDelete,
                Crm.TasksRead, Crm.TasksCreate, Crm.TasksEdit, Crm.TasksDelete, Permissions.Privacy.PiiView,
                Crm.DealsRead, Crm.DealsCreate, Crm.DealsEdit, Crm.DealsDelete, Crm.DealsExport, Crm.TicketsRead, Cdp.LinkedProfilesRead,
                Crm.EmailsSend, Permissions.Admin.EmailTemplatesManage, Cdp.InsightsRead)]),
        new(SalesRep, "Works their own contacts, companies and tasks.",
            [.. Grant(RecordScope.Own,
                Crm.ContactsRead, Crm.ContactsCreate, Crm.ContactsEdit, Crm.ContactsDelete, Crm.ContactsImport,
                Crm.CompaniesRead, Crm.CompaniesCreate, Crm.CompaniesEdit, Crm.CompaniesDelete, Crm.CompaniesImport,
                Crm.ActivitiesRead, Crm.ActivitiesCreate, Crm.ActivitiesEdit, Crm.ActivitiesDelete,
                Crm.TasksRead, Crm.TasksCreate, Crm.TasksEdit, Crm.TasksDelete, Permissions.Privacy.PiiView,
                Crm.DealsRead, Crm.DealsCreate, Crm.DealsEdit, Crm.DealsDelete, Cdp.LinkedProfilesRead, Crm.EmailsSend)]),
        new(Marketer, "Builds segments and manages data sources; reads and exports all contacts, with personal data masked.",
            [
                .. Grant(RecordScope.All, Crm.ContactsRead, Crm.ContactsExport, Crm.CompaniesRead, Crm.CompaniesExport, Crm.ActivitiesRead, Crm.DealsRead),
                .. Grant(RecordScope.All, Cdp.ProfilesRead, Cdp.ProfilesEdit, Cdp.SourcesManage, Cdp.SegmentsRead, Cdp.SegmentsManage, Cdp.SegmentsExport,
                    Cdp.ComputedTraitsManage, Cdp.ActivationsManage, Cdp.DestinationsManage, Cdp.InsightsRead, Permissions.Admin.EmailTemplatesManage, Crm.FormsManage),
                .. Grant(RecordScope.All, Permissions.Marketing.EmailManage, Permissions.Marketing.JourneysManage, Permissions.Marketing.CampaignsSend),
            ]),
        new(SupportAgent, "Answers support tickets; reads all contacts and companies (personal data revealed on demand), edits none.",
            [
                .. Grant(RecordScope.All, Crm.ContactsRead, Crm.CompaniesRead, Crm.ActivitiesRead, Crm.ActivitiesCreate, Permissions.Privacy.PiiReveal, Cdp.LinkedProfilesRead, Crm.EmailsSend),
                .. Grant(RecordScope.Own, Crm.TasksRead, Crm.TasksCreate, Crm.TasksEdit),
                .. Grant(RecordScope.Team, Crm.TicketsRead, Crm.TicketsCreate, Crm.TicketsEdit),
            ]),
    ];

    private static IEnumerable<PermissionGrant> Grant(RecordScope scope, params string[] permissions) =>
        permissions.Select(p => new PermissionGrant(p, Permissions.IsScoped(p) ? scope : RecordScope.All));
}

internal sealed record BuiltInRole(string Name, string Description, IReadOnlyList<PermissionGrant> DefaultPermissions)
{
    public PermissionGrant? DefaultFor(string permission) => DefaultPermissions.FirstOrDefault(g => g.Permission == permission);
}

internal sealed record PermissionGrant(string Permission, RecordScope Scope);
