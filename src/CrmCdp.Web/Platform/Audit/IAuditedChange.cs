namespace CrmCdp.Web.Platform.Audit;

/// <summary>
/// An entity whose insertion is also an audit entry (e.g. a CRM timeline change): saved in the same
/// transaction, so a change and its audit line exist together or not at all.
/// </summary>
internal interface IAuditedChange
{
    AuditEntry ToAuditEntry();
}
