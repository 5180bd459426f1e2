using CrmCdp.Web.Modules.Crm.Contacts;

namespace CrmCdp.Web.Modules.Crm.Common.Records;

/// <summary>A record that hangs on a contact, a company or a deal: an activity or a task.</summary>
internal interface IAttachedRecord
{
    Guid? ContactId { get; }

    Guid? CompanyId { get; }

    Guid? DealId { get; }
}

internal static class AttachedRecords
{
    /// <summary>
    /// What a record's page shows as its own: a contact's records; a company's and its people's (the company rolls
    /// them up); a deal's and its contacts' that belong to no other deal.
    /// </summary>
    public static IQueryable<T> Of<T>(this IQueryable<T> records, AppDbContext db, CrmRecordType type, Guid id, IReadOnlyList<Guid> dealContactIds)
        where T : class, IAttachedRecord
    {
        var people = db.Set<Contact>().Where(c => c.CompanyId == id).Select(c => c.Id);
        return type switch
        {
            CrmRecordType.Contact => records.Where(r => r.ContactId == id),
            CrmRecordType.Company => records.Where(r => r.CompanyId == id || (r.ContactId != null && people.Contains(r.ContactId.Value))),
            CrmRecordType.Deal => records.Where(r => r.DealId == id || (r.DealId == null && r.ContactId != null && dealContactIds.Contains(r.ContactId.Value))),
            _ => records.Where(_ => false),
        };
    }
}
