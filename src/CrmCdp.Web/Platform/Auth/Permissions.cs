namespace CrmCdp.Web.Platform.Auth;

/// <summary>
/// Every permission the application checks. Authorization policies carry these names, so an
/// endpoint or page says <c>RequireAuthorization(Permissions.Crm.ContactsRead)</c>.
/// Later features add constants here and a line in <see cref="BuiltInRoles"/>.
/// </summary>
internal static class Permissions
{
    public const string ClaimType = "permission";

    public static class Crm
    {
        public const string ContactsRead = "crm.contacts.read";
        public const string ContactsCreate = "crm.contacts.create";
        public const string ContactsEdit = "crm.contacts.edit";
        public const string ContactsDelete = "crm.contacts.delete";
    }

    public static class Cdp
    {
        public const string ProfilesRead = "cdp.profiles.read";
        public const string SourcesManage = "cdp.sources.manage";
        public const string SegmentsManage = "cdp.segments.manage";
    }

    public static class Admin
    {
        public const string UsersManage = "admin.users.manage";
        public const string RolesManage = "admin.roles.manage";
        public const string ApiKeysManage = "admin.apikeys.manage";
        public const string AuditRead = "admin.audit.read";
        public const string Jobs = "admin.jobs";
    }

    public static IReadOnlyList<string> All { get; } =
    [
        Crm.ContactsRead, Crm.ContactsCreate, Crm.ContactsEdit, Crm.ContactsDelete,
        Cdp.ProfilesRead, Cdp.SourcesManage, Cdp.SegmentsManage,
        Admin.UsersManage, Admin.RolesManage, Admin.ApiKeysManage, Admin.AuditRead, Admin.Jobs,
    ];

    private static readonly HashSet<string> Known = [.. All];

    public static bool IsKnown(string name) => Known.Contains(name);
}
