
namespace CrmCdp.Web.Platform.Data;

internal static class DatabaseRegistration
{
    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("platform_ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(AuditInterceptor);

    private static readonly Audit.AuditInterceptor AuditInterceptor = new();

    public static IServiceCollection AddAppDatabase(this IServiceCollection services, string connectionString)
    {
        services.AddDbContextFactory<AppDbContext>(options => Configure(options, connectionString));
        return services;
    }
}
