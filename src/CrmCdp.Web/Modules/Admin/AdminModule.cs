using CrmCdp.Web.Modules.Admin.ApiKeys;
using CrmCdp.Web.Modules.Admin.Audit;
using CrmCdp.Web.Modules.Admin.Privacy;
using CrmCdp.Web.Modules.Admin.Roles;
using CrmCdp.Web.Modules.Admin.SystemHealth;
using CrmCdp.Web.Modules.Admin.Teams;
using CrmCdp.Web.Modules.Admin.Users;
using CrmCdp.Web.Platform;

namespace CrmCdp.Web.Modules.Admin;

/// <summary>Users, roles, API keys, audit, privacy.</summary>
internal static class AdminModule
{
    public static IServiceCollection AddAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ApiKeyService>();
        services.AddSingleton<AuditQueries>();
        services.AddSingleton<SystemHealth.SystemHealth>();
        services.AddSingleton<RoleService>();
        services.AddSingleton<UserService>();
        services.AddSingleton<UserInvitations>();
        services.AddSingleton<TeamService>();
        services.AddSingleton<PrivacyService>();
        services.AddTransient<PrivacyRequestJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapApiV1().MapApiKeyEndpoints().MapAuditEndpoints().MapRoleEndpoints().MapUserEndpoints().MapTeamEndpoints().MapPrivacyEndpoints().MapSystemHealthEndpoints();
        return endpoints;
    }
}
