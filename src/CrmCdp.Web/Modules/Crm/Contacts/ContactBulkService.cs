using CrmCdp.Web.Modules.Crm.Bulk;
using CrmCdp.Web.Modules.Crm.Common;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Contacts;

/// <summary>A bulk action on contacts: the common ones plus setStage.</summary>
public sealed class BulkContactRequest : BulkRequest
{
    public string? LifecycleStage { get; set; }
}

/// <summary>The contacts list's bulk actions: assign owner, add tag, change lifecycle stage, delete.</summary>
internal sealed class ContactBulkService(BulkRecordEditor editor)
{
    private static readonly BulkTarget<Contact> Target = new(
        CrmRecordType.Contact, "contacts", P.ContactsEdit, P.ContactsDelete, ["setStage"],
        request => CrmEnumNames.Parse<LifecycleStage>(((BulkContactRequest)request).LifecycleStage) is null
            ? new() { ["lifecycleStage"] = [$"The lifecycle stage must be one of: {CrmEnumNames.Allowed<LifecycleStage>()}."] }
            : [],
        SetStage);

    public Task<OperationResult<BulkResult>> ApplyAsync(AccessContext access, BulkContactRequest request, CancellationToken cancellationToken = default) =>
        editor.ApplyAsync(access, request, Target, cancellationToken);

    private static (string, string?, string?) SetStage(Contact contact, BulkRequest request)
    {
        var before = CrmEnumNames.Label(contact.LifecycleStage);
        contact.LifecycleStage = CrmEnumNames.Parse<LifecycleStage>(((BulkContactRequest)request).LifecycleStage)!.Value;
        return ("Lifecycle stage", before, CrmEnumNames.Label(contact.LifecycleStage));
    }
}
