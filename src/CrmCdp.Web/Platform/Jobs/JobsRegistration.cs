using CrmCdp.Web.Platform.Auth;
using Hangfire;
using Hangfire.PostgreSql;

namespace CrmCdp.Web.Platform.Jobs;

internal static class JobsRegistration
{
    public const string DashboardPath = "/admin/jobs";

    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                bootstrap => bootstrap.UseNpgsqlConnection(connectionString),
                new PostgreSqlStorageOptions
                {
                    SchemaName = "hangfire",
                    PrepareSchemaIfNecessary = true,
                    QueuePollInterval = TimeSpan.FromSeconds(options.QueuePollIntervalSeconds),
                    // LISTEN/NOTIFY wakes a worker as soon as a job is enqueued; polling stays as the fallback.
                    EnableLongPolling = true,
                }));
        if (options.RunServer)
        {
            services.AddHangfireServer(server =>
            {
                server.WorkerCount = options.WorkerCount;
                server.SchedulePollingInterval = TimeSpan.FromSeconds(options.QueuePollIntervalSeconds);
            });
        }

        services.AddTransient<ExpiredSessionCleanupJob>();
        return services;
    }

    public static void RegisterRecurringJobs(IRecurringJobManager jobs)
    {
        jobs.AddOrUpdate<ExpiredSessionCleanupJob>(
            ExpiredSessionCleanupJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Daily(3));
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
