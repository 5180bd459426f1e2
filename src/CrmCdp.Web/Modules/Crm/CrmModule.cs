namespace CrmCdp.Web.Modules.Crm;

/// <summary>Contacts, companies, activities, tasks, pipeline, tickets, reports.</summary>
internal static class CrmModule
{
    public static IServiceCollection AddCrm(this IServiceCollection services, IConfiguration configuration) => services;

    public static IEndpointRouteBuilder MapCrm(this IEndpointRouteBuilder endpoints) => endpoints;
}
