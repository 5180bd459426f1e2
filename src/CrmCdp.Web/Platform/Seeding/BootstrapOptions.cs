using CrmCdp.Web.Platform.Settings;

namespace CrmCdp.Web.Platform.Seeding;

/// <summary>What a first start creates: the first admin, an API key with a known value, the demo users' password.</summary>
internal sealed class BootstrapOptions : ISettingsSection
{
    public static string Section => "Bootstrap";

    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }

    /// <summary>When set, an Admin API key with exactly this value exists after start-up (stored hashed).</summary>
    public string? ApiKey { get; set; }

    public string? DemoUserPassword { get; set; }
}

internal sealed class DemoOptions : ISettingsSection
{
    public static string Section => "Demo";

    /// <summary>Seed demo data when Development creates the first admin.</summary>
    public bool SeedOnFirstStart { get; set; } = true;
}
