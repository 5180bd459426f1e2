using CrmCdp.Web.Modules.Cdp.Sources;
using CrmCdp.Web.Platform;

namespace CrmCdp.Web.Modules.Cdp;

/// <summary>Sources, ingestion, identity resolution, profiles, segments, activation.</summary>
internal static class CdpModule
{
    public static IServiceCollection AddCdp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<SourceService>();
        return services;
    }

    public static IEndpointRouteBuilder MapCdp(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapApiV1().MapSourceEndpoints();
        return endpoints;
    }
}
