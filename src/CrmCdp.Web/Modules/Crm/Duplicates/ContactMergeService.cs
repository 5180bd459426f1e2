using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Common.Records;
using CrmCdp.Web.Modules.Crm.Contacts;

namespace CrmCdp.Web.Modules.Crm.Duplicates;

/// <summary>Merges two contacts (see <see cref="ContactMergeRules"/>) and answers the contact that stays.</summary>
internal sealed class ContactMergeService(RecordMerger merger, UserDirectory users, ContactService contacts)
{
    public async Task<OperationResult<ContactDto>> MergeAsync(AccessContext access, MergeRequest request, CancellationToken cancellationToken = default)
    {
        var merged = await merger.MergeAsync(access, CrmRecordKinds.Contacts, new ContactMergeRules(users), request, cancellationToken);
        return merged.Value is { } survivor && survivor != Guid.Empty ? await contacts.GetAsync(access, survivor, cancellationToken) : merged.As<ContactDto>();
    }
}
