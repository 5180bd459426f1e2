using System.Diagnostics;
using Serilog;
using Serilog.Formatting.Compact;

namespace CrmCdp.Web.Platform.Logging;

internal static class LoggingRegistration
{
    private const string DevelopmentTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>Levels and overrides come from the <c>Serilog</c> section; the console format from the environment.</summary>
    public static IServiceCollection AddAppLogging(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSerilog(
            (provider, logger) =>
            {
                logger.ReadFrom.Configuration(configuration)
                    .ReadFrom.Services(provider)
                    .Enrich.FromLogContext()
                    .Enrich.WithProperty("Application", "CrmCdp")
                    .Enrich.With<SecretMaskingEnricher>();
                if (environment.IsDevelopment())
                {
                    logger.WriteTo.Console(outputTemplate: DevelopmentTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
                }
                else
                {
                    logger.WriteTo.Console(new RenderedCompactJsonFormatter());
                }
            },
            preserveStaticLogger: true);
        return services;
    }

    public static IApplicationBuilder UseAppRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.GetLevel = LevelOf;
            options.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                diagnostics.Set("UserName", http.User.Identity?.IsAuthenticated == true ? http.User.Identity.Name : "anonymous");
                diagnostics.Set("TraceId", Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier);
            };
        });

    /// <summary>
    /// Accepted tracking calls and metric scrapes arrive thousands of times a second: they log at Debug (the ingestion
    /// metrics count them); their refusals still log at Information, and failures at Error.
    /// </summary>
    private static Serilog.Events.LogEventLevel LevelOf(HttpContext http, double elapsedMilliseconds, Exception? exception) =>
        exception is not null || http.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Error
        : http.Response.StatusCode < 400 && (http.Request.Path.StartsWithSegments("/v1") || http.Request.Path.StartsWithSegments(Health.MetricsRegistration.Path))
            ? Serilog.Events.LogEventLevel.Debug
            : Serilog.Events.LogEventLevel.Information;
}
