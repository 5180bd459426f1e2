namespace CrmCdp.Web.Platform.Auth;

/// <summary>
/// How permissions are shown in the role matrix: record permissions by area and action (each with a
/// scope), the rest as named special permissions. New permissions appear here to be editable.
/// </summary>
internal static class PermissionCatalog
{
    public static IReadOnlyList<string> Actions { get; } = ["read", "create", "edit", "delete", "import", "export"];

    public static IReadOnlyList<PermissionArea> Areas { get; } =
    [
        new("contacts", "Contacts", "crm.contacts"),
        new("companies", "Companies", "crm.companies"),
        new("activities", "Activities", "crm.activities"),
        new("tasks", "Tasks", "crm.tasks"),
        new("deals", "Deals", "crm.deals"),
        new("tickets", "Tickets", "crm.tickets"),
    ];

    public static IReadOnlyList<(string Permission, string Label)> Specials { get; } =
    [
        (Permissions.Crm.RecordsRestore, "Restore deleted records"),
        (Permissions.Crm.EmailsSend, "Email the contacts they can see"),
        (Permissions.Crm.FormsManage, "Build web forms and review their submissions"),
        (Permissions.Cdp.ProfilesRead, "View CDP profiles"),
        (Permissions.Cdp.LinkedProfilesRead, "See the website and app behaviour of contacts they can see"),
        (Permissions.Cdp.ProfilesEdit, "Split profiles and set identity rules (data steward)"),
        (Permissions.Cdp.SourcesManage, "Manage event sources"),
        (Permissions.Cdp.SegmentsRead, "View segments, their members and computed traits"),
        (Permissions.Cdp.SegmentsManage, "Build segments"),
        (Permissions.Cdp.SegmentsExport, "Export segment members (consent-filtered, audited)"),
        (Permissions.Cdp.ComputedTraitsManage, "Define computed traits (the intent score among them)"),
        (Permissions.Cdp.ActivationsManage, "Turn segment activation into CRM tasks on or off"),
        (Permissions.Cdp.DestinationsManage, "Manage destinations (webhooks), their deliveries and replays"),
        (Permissions.Cdp.InsightsRead, "Read insights: trends and funnels over every event"),
        (Permissions.Marketing.EmailManage, "Preview marketing email for a profile and send tests"),
        (Permissions.Marketing.JourneysManage, "Build, publish and pause journeys, and see who is in them"),
        (Permissions.Marketing.CampaignsSend, "Send email campaigns to a segment"),
        (Permissions.Admin.UsersManage, "Manage users and teams"),
        (Permissions.Admin.RolesManage, "Manage roles"),
        (Permissions.Admin.ApiKeysManage, "Manage API keys"),
        (Permissions.Admin.AuditRead, "View audit log"),
        (Permissions.Admin.AuditExport, "Export audit log"),
        (Permissions.Admin.Jobs, "View jobs dashboard"),
        (Permissions.Admin.CustomFieldsManage, "Manage custom fields"),
        (Permissions.Admin.PipelinesManage, "Manage pipelines, lost reasons and SLAs"),
        (Permissions.Admin.QuotasManage, "Set sales quotas per rep and month"),
        (Permissions.Admin.EmailManage, "Set up outgoing email and read the send log"),
        (Permissions.Admin.EmailTemplatesManage, "Write email templates"),
        (Permissions.Privacy.PiiView, "View personal data (PII)"),
        (Permissions.Privacy.PiiReveal, "Reveal masked personal data, one value at a time (audited)"),
        (Permissions.Privacy.RequestsManage, "Manage privacy requests (access, erase, suppress)"),
    ];

    /// <summary>The permission for an area and action, if the application has one.</summary>
    public static string? PermissionFor(PermissionArea area, string action)
    {
        var name = $"{area.Prefix}.{action}";
        return Permissions.IsKnown(name) ? name : null;
    }

    public static string Label(string permission) =>
        Specials.FirstOrDefault(s => s.Permission == permission).Label
        ?? Areas.Where(a => permission.StartsWith(a.Prefix + ".", StringComparison.Ordinal))
            .Select(a => $"{a.Label}: {permission[(a.Prefix.Length + 1)..]}").FirstOrDefault()
        ?? permission;
}

internal sealed record PermissionArea(string Key, string Label, string Prefix);
