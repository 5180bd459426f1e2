using CrmCdp.Web.Modules.Crm.Activities;
using CrmCdp.Web.Modules.Crm.Bulk;
using CrmCdp.Web.Modules.Crm.Calendar;
using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Companies;
using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Modules.Crm.CustomFields;
using CrmCdp.Web.Modules.Crm.Dashboards;
using CrmCdp.Web.Modules.Crm.Duplicates;
using CrmCdp.Web.Modules.Crm.Emails;
using CrmCdp.Web.Modules.Crm.Forms;
using CrmCdp.Web.Modules.Crm.ImportExport;
using CrmCdp.Web.Modules.Crm.Pipeline;
using CrmCdp.Web.Modules.Crm.Quotas;
using CrmCdp.Web.Modules.Crm.Tasks;
using CrmCdp.Web.Modules.Crm.Tickets;
using CrmCdp.Web.Modules.Crm.Timeline;
using CrmCdp.Web.Platform;
using CrmCdp.Web.Platform.Seeding;

namespace CrmCdp.Web.Modules.Crm;

/// <summary>Contacts, companies, activities, tasks, pipeline, tickets, reports.</summary>
internal static class CrmModule
{
    public static IServiceCollection AddCrm(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<Platform.Privacy.IPersonalDataStore, Privacy.CrmPersonalDataStore>();
        services.AddScoped<IDemoDataContributor, CrmDemoData>();
        services.AddScoped<IDemoDataContributor, DealDemoData>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<Common.Records.CrmRecordCommands>();
        services.AddSingleton<Common.Records.RecordInputChecks>();
        services.AddSingleton<Common.Records.AssignmentNotices>();
        services.AddSingleton<ContactService>();
        services.AddSingleton<Contracts.ICrmContacts, Contacts.CrmContactsForCdp>();
        services.AddSingleton<Contracts.ICrmSalesTasks, Tasks.SalesTasksForCdp>();
        services.AddSingleton<Contracts.ICrmContactsForMarketing, Contacts.ContactsForMarketing>();
        services.AddSingleton<ContactQueries>();
        services.AddSingleton<BulkRecordEditor>();
        services.AddSingleton<ContactBulkService>();
        services.AddSingleton<PiiRevealService>();
        services.AddSingleton<CompanyBulkService>();
        services.AddSingleton<Views.SavedViewService>();
        services.AddSingleton<RecycleBin.RecycleBinService>();
        services.AddTransient<TaskReminderJob>();
        services.AddTransient<Platform.Jobs.IRecurringJobDefinition, TaskReminderJob>();
        services.AddSingleton<CustomFields.CustomFieldService>();
        services.AddSingleton<ImportExport.ContactExportService>();
        services.AddSingleton<ImportExport.ContactImportService>();
        services.AddSingleton<ImportExport.ContactExportJobs>();
        services.AddTransient<ImportExport.ContactImportJob>();
        services.AddSingleton<CompanyService>();
        services.AddSingleton<CompanyQueries>();
        services.AddSingleton<CompanyByName>();
        services.AddSingleton<PipelineService>();
        services.AddSingleton<DealService>();
        services.AddSingleton<DealsOfRecord>();
        services.AddSingleton<DealSearch>();
        services.AddSingleton<DealBoard>();
        services.AddSingleton<PipelineAdmin>();
        services.AddSingleton<DealReports>();
        services.AddSingleton<Quotas.QuotaService>();
        services.AddSingleton<Dashboards.SalesDashboards>();
        services.AddSingleton<Dashboards.SupportLeadDashboards>();
        services.AddSingleton<DealBulkService>();
        services.AddSingleton<DealExport>();
        services.AddSingleton<TicketService>();
        services.AddSingleton<TicketRows>();
        services.AddSingleton<TicketQueue>();
        services.AddSingleton<TicketRequesters>();
        services.AddSingleton<SlaAdmin>();
        services.AddSingleton<SupportStats>();
        services.AddTransient<TicketSlaJob>();
        services.AddTransient<Platform.Jobs.IRecurringJobDefinition, TicketSlaJob>();
        services.AddSingleton<ActivityService>();
        services.AddSingleton<MeetingInvitations>();
        services.AddSingleton<MentionNotices>();
        services.AddSingleton<TaskService>();
        services.AddSingleton<TimelineService>();
        services.AddSingleton<RecentViewService>();
        services.AddSingleton<Common.Records.RecordMerger>();
        services.AddSingleton<Duplicates.ContactMergeService>();
        services.AddSingleton<Duplicates.DuplicateFinder>();
        services.AddSingleton<Duplicates.CompanyMergeService>();
        services.AddSingleton<MyDay.MyDayService>();
        services.AddSingleton<Emails.CrmEmailService>();
        services.AddSingleton<TicketEmailChannel>();
        services.AddSingleton<Emails.EmailAttachmentService>();
        services.AddSingleton<Emails.InboundEmailTimeline>();
        services.AddSingleton<Emails.UnknownSenders>();
        services.AddSingleton<Calendar.CalendarFeeds>();
        services.AddFormServices();
        services.AddSingleton<Platform.Email.Inbound.IInboundEmailHandler, Emails.CrmInboundEmailHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapCrm(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapApiV1()
            .MapDuplicateEndpoints()
            .MapExportEndpoints()
            .MapCustomFieldEndpoints()
            .MapContactEndpoints()
            .MapDealEndpoints()
            .MapQuotaEndpoints()
            .MapRoleDashboardEndpoints()
            .MapTicketEndpoints()
            .MapCompanyEndpoints()
            .MapActivityEndpoints()
            .MapTaskEndpoints()
            .MapCrmEmailEndpoints()
            .MapFormEndpoints();
        endpoints.MapCalendarEndpoints();
        endpoints.MapFormPublicEndpoints();
        return endpoints;
    }
}
