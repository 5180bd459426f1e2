using CrmCdp.Web.Platform.Settings;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace CrmCdp.Web.Platform.Jobs;

internal static class JobsRegistration
{
    public const string DashboardPath = "/admin/jobs";

    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        var options = SettingsRegistration.Read<JobsOptions>(configuration);
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = TimeSpan.FromSeconds(options.QueuePollIntervalSeconds),
            EnableLongPolling = options.LongPolling,
        };

        // This app's own storage instance, registered before AddHangfire (which only adds one if none exists):
        // Hangfire's global JobStorage.Current would otherwise be shared by every host in the process.
        services.AddSingleton<JobStorage>(_ => new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions));
        services.AddHangfire((provider, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(provider.GetRequiredService<JobStorage>()));
        if (options.RunServer)
        {
            services.AddHangfireServer((provider, server) =>
            {
                // Jobs are created from this app's services; Hangfire's global activator belongs to whichever host configured it last.
                server.Activator = new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>());
                server.WorkerCount = options.WorkerCount;
                server.SchedulePollingInterval = TimeSpan.FromSeconds(options.QueuePollIntervalSeconds);
            });
        }

        services.AddTransient<IRecurringJobDefinition, ExpiredSessionCleanupJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            // Replaces Hangfire's default filter, which lets any loopback request in.
            Authorization = [],
            AsyncAuthorization = [new PermissionDashboardAuthorizationFilter()],
            AppPath = "/",
            DashboardTitle = "CrmCdp jobs",
        }).RequireAuthorization(Permissions.Admin.Jobs);
        return endpoints;
    }
}
