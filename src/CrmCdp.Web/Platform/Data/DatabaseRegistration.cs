using Microsoft.EntityFrameworkCore.Diagnostics;
namespace CrmCdp.Web.Platform.Data;

internal static class DatabaseRegistration
{
    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("platform_ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            // Statements that cannot run in a transaction (CREATE INDEX CONCURRENTLY) are written to run again after a
            // crash mid-way, so the migration is simply applied again on the next start.
            .ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning))
            .AddInterceptors(AuditInterceptor);

    private static readonly Audit.AuditInterceptor AuditInterceptor = new();

    public static IServiceCollection AddAppDatabase(this IServiceCollection services, string connectionString)
    {
        services.AddDbContextFactory<AppDbContext>(options => Configure(options, connectionString));
        services.AddSingleton<ReadReplica>();
        return services;
    }
}
