namespace CrmCdp.Web.Platform.Auth;

/// <summary>Grants one permission (e.g. <c>crm.contacts.read</c>) to a role.</summary>
internal sealed class RolePermission
{
    public Guid RoleId { get; set; }

    public string Permission { get; set; } = "";

    /// <summary>For permissions on owned records: own, team or all. Other permissions are always <see cref="RecordScope.All"/>.</summary>
    public RecordScope Scope { get; set; } = RecordScope.All;
}

/// <summary>
/// Every permission the application has ever declared. A permission new to this table is granted to
/// the built-in roles that default to it, once; an admin's later removal is therefore respected.
/// </summary>
internal sealed class KnownPermission
{
    public string Name { get; set; } = "";

    public DateTimeOffset FirstSeenAt { get; set; }
}
