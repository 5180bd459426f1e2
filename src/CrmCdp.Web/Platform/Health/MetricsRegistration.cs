using OpenTelemetry.Metrics;

namespace CrmCdp.Web.Platform.Health;

/// <summary>
/// OpenTelemetry metrics of every CrmCdp meter (ingestion counters, queue depth, commit latency, resolution lag, …),
/// ASP.NET Core's own request metrics and the runtime's, scraped by Prometheus at <c>/metrics</c> with an API key
/// whose role may view the jobs dashboard.
/// </summary>
internal static class MetricsRegistration
{
    public const string Path = "/metrics";

    public static IServiceCollection AddAppMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("CrmCdp.*", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        return services;
    }

    public static IEndpointRouteBuilder MapAppMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(Path).RequireAuthorization(Permissions.Admin.Jobs);
        return endpoints;
    }
}
