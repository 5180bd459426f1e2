using CrmCdp.Web.Components;
using CrmCdp.Web.Platform.Auth.TwoFactor;
using CrmCdp.Web.Platform.Email;
using CrmCdp.Web.Platform.Email.Inbound;
using CrmCdp.Web.Platform.Email.Tracking;
using CrmCdp.Web.Platform.Health;
using CrmCdp.Web.Platform.Jobs;
using CrmCdp.Web.Platform.LocalPostgres;
using CrmCdp.Web.Platform.Logging;
using CrmCdp.Web.Platform.OpenApi;
using CrmCdp.Web.Platform.Security;
using CrmCdp.Web.Platform.Seeding;
using CrmCdp.Web.Platform.Settings;
using CrmCdp.Web.Platform.Validation;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using MudBlazor.Services;

namespace CrmCdp.Web.Platform;

/// <summary>Cross-cutting services every module builds on: data, auth, jobs, logging, validation, UI.</summary>
internal static class PlatformModule
{
    /// <returns>false when no database can be had; the reason has been printed.</returns>
    public static bool AddPlatform(this WebApplicationBuilder builder, StartupSwitches switches)
    {
        var services = builder.Services;
        services.AddAppLogging(builder.Configuration, builder.Environment);

        var database = LocalDevelopmentDatabase.Ensure(builder.Configuration, builder.Environment);
        if (database.ConnectionString is null)
        {
            Console.Error.WriteLine($"[CrmCdp] {database.Problem}");
            return false;
        }

        // Before anything connects (Hangfire prepares its schema as soon as its storage is built).
        var creation = DatabaseCreation.EnsureAsync(database.ConnectionString, create: StartupTasks.MigrationRequested(builder.Configuration, switches))
            .GetAwaiter().GetResult();
        if (creation.Problem is { } problem)
        {
            Console.Error.WriteLine($"[CrmCdp] {problem}");
            return false;
        }

        if (creation.Created)
        {
            Console.WriteLine($"[CrmCdp] Created the database {creation.Database}.");
        }

        if (database.StartedCluster is { } cluster)
        {
            services.AddHostedService(provider => new LocalPostgresShutdown(cluster));
        }

        services.AddSingleton(TimeProvider.System);
        services.AddAppForwardedHeaders(builder.Configuration);
        services.AddAppDatabase(database.ConnectionString);
        services.AddHttpContextAccessor();
        services.AddAppRateLimiting(builder.Configuration);
        services.AddAppRequestDecompression();
        services.AddSingleton<Audit.AuditLog>();
        services.AddSingleton<Privacy.SuppressionList>();
        services.AddSettings<ContactPoints.ContactPointOptions>();
        services.AddSingleton<ContactPoints.ContactPointNormalizer>();
        services.AddDataProtection().SetApplicationName("CrmCdp").PersistKeysToDbContext<AppDbContext>();
        services.AddAppAuth();
        services.AddJobs(builder.Configuration, database.ConnectionString);
        services.AddAppHealthChecks();
        services.AddAppMetrics();
        services.AddValidatorsFromAssemblyContaining<AppDbContext>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Unreadable requests reach BadRequestExceptionHandler (a 400 naming the field) in every environment.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // Enums travel as camelCase names ("choice"), never as numbers.
        services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        services.AddAppOpenApi();
        services.AddSingleton<Notifications.NotificationService>();
        services.AddSingleton<Notifications.NotificationSignals>();
        services.AddMemoryCache();
        services.AddSingleton<Preferences.UserPreferencesService>();
        services.AddHostedService<Notifications.NotificationListener>();
        services.AddEmail();
        services.AddSettings<BootstrapOptions>();
        services.AddScoped<IdentitySeeder>();
        services.AddScoped<DemoDataSeeder>();
        // Our security headers send X-Frame-Options: DENY for every response.
        services.AddAntiforgery(options => options.SuppressXFrameOptionsHeader = true);
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        return true;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseAppForwardedHeaders();
        app.UseExceptionHandler();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseSecurityHeaders();
        app.UseRequestDecompression();
        app.UseCors();
        app.UseAuthentication();
        app.UseAppRequestLogging();
        app.UseRateLimiter();
        app.UseTwoFactorEnforcement();
        app.UseAuthorization();
        app.UseMiddleware<Preferences.UserPreferencesMiddleware>();
        app.UseMiddleware<StorableJsonBodyMiddleware>();
        app.UseAntiforgery();
        return app;
    }

    public static RouteGroupBuilder MapApiV1(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGroup("/api/v1").RequireAuthorization();

    public static WebApplication MapPlatform(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapAppHealthChecks();
        app.MapAppMetrics();
        app.MapAppOpenApi();
        app.MapJobsDashboard();
        app.MapAccountEndpoints();
        app.MapEmailTrackingEndpoints();
        app.MapApiV1().MapMe().MapEmailEndpoints().MapMailboxEndpoints();
        // Our own Content-Security-Policy already says frame-ancestors 'none'.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}

/// <summary>Stops the development cluster this process started when the app shuts down.</summary>
internal sealed class LocalPostgresShutdown(LocalPostgresCluster cluster) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        cluster.Stop();
        return Task.CompletedTask;
    }
}
