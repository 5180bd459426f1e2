using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Admin.SystemHealth;

/// <summary>An admin's view of the background jobs and the database.</summary>
public sealed partial class SystemHealthPanel
{
    private SystemHealthDto? _health;

    [Inject]
    private SystemHealth Health { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _health = await Health.CurrentAsync(await AccessAsync());

    internal static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):N1} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):N0} MiB",
        _ => $"{bytes / 1024.0:N0} KiB",
    };
}
