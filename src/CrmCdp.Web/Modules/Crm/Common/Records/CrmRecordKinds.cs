using CrmCdp.Web.Modules.Crm.Activities;
using CrmCdp.Web.Modules.Crm.Companies;
using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Modules.Crm.Pipeline;
using CrmCdp.Web.Modules.Crm.Tasks;
using CrmCdp.Web.Modules.Crm.Tickets;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Common.Records;

/// <summary>Every kind of CRM record and what sets it apart, in one place.</summary>
internal static class CrmRecordKinds
{
    public static readonly CrmRecordKind<Contact> Contacts = new(CrmRecordType.Contact, "contact", "contacts", P.ContactsRead, P.ContactsEdit, P.ContactsDelete);

    public static readonly CrmRecordKind<Company> Companies = new(CrmRecordType.Company, "company", "companies", P.CompaniesRead, P.CompaniesEdit, P.CompaniesDelete);

    public static readonly CrmRecordKind<Deal> Deals = new(CrmRecordType.Deal, "deal", "deals", P.DealsRead, P.DealsEdit, P.DealsDelete);

    public static readonly CrmRecordKind<Ticket> Tickets = new(CrmRecordType.Ticket, "ticket", "tickets", P.TicketsRead, P.TicketsEdit, P.TicketsDelete)
    {
        ScopeRule = TicketScope.Within,
    };

    /// <summary>An activity is readable in its own scope, or through the deal, contact or company it is about.</summary>
    public static readonly CrmRecordKind<Activity> Activities = new(null, "activity", "activities", P.ActivitiesRead, P.ActivitiesEdit, P.ActivitiesDelete)
    {
        ReadableRule = ActivitiesReadable,
    };

    public static readonly CrmRecordKind<CrmTask> Tasks = new(null, "task", "tasks", P.TasksRead, P.TasksEdit, P.TasksDelete);

    private static IQueryable<Activity> ActivitiesReadable(AppDbContext db, AccessContext access)
    {
        var (contacts, companies) = RecordLinks.Visible(db, access);
        var ownScope = db.Set<Activity>().Within(access, P.ActivitiesRead).Select(a => a.Id);
        var deals = db.Set<Deal>().Within(access, P.DealsRead).Select(d => d.Id);
        return db.Set<Activity>().NotPrivateToOthers(access).Where(a =>
            (a.DealId != null && deals.Contains(a.DealId.Value))
            || (a.ContactId != null && contacts.Contains(a.ContactId.Value))
            || (a.CompanyId != null && companies.Contains(a.CompanyId.Value))
            || ownScope.Contains(a.Id));
    }
}
