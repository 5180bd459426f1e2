using CrmCdp.Web.Platform.Settings;

namespace CrmCdp.Web.Platform.Data;

internal sealed class DatabaseOptions : ISettingsSection
{
    public static string Section => "Database";

    /// <summary>Apply migrations (and create the database) at start-up, as <c>--migrate</c> does.</summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>In Development without a connection string, start a cluster in <c>.data/postgres</c>.</summary>
    public bool StartLocalPostgres { get; set; } = true;
}
