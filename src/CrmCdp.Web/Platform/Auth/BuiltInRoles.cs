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
        new(Admin, "Manages users, roles, API keys and every record.", Permissions.All),
        new(SalesManager, "Leads a sales team: all CRM records, team reports.",
            [Permissions.Crm.ContactsRead, Permissions.Crm.ContactsCreate, Permissions.Crm.ContactsEdit, Permissions.Crm.ContactsDelete]),
        new(SalesRep, "Works their own contacts, deals and tasks.",
            [Permissions.Crm.ContactsRead, Permissions.Crm.ContactsCreate, Permissions.Crm.ContactsEdit]),
        new(Marketer, "Builds segments and manages data sources in the CDP.",
            [Permissions.Cdp.ProfilesRead, Permissions.Cdp.SourcesManage, Permissions.Cdp.SegmentsManage, Permissions.Crm.ContactsRead]),
        new(SupportAgent, "Answers support tickets.",
            [Permissions.Crm.ContactsRead]),
    ];
}

internal sealed record BuiltInRole(string Name, string Description, IReadOnlyList<string> DefaultPermissions);
