using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Cdp.Dashboards;

/// <summary>The user's dashboards and the shared ones, and a new one in a keystroke.</summary>
public partial class DashboardsPage
{
    private IReadOnlyList<DashboardDto>? _dashboards;
    private string? _newName;
    private string? _error;

    [Inject]
    private DashboardService Dashboards { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _dashboards = (await Dashboards.ListAsync(await AccessAsync())).Value ?? [];

    private async Task CreateAsync()
    {
        var saved = await Dashboards.SaveAsync(await AccessAsync(), null, new DashboardInput { Name = _newName, Tiles = [], RefreshSeconds = 300 });
        _error = saved.Errors?.GetValueOrDefault("name")?.FirstOrDefault() ?? saved.Message;
        if (saved.Value is { } dashboard)
        {
            Navigation.NavigateTo($"/cdp/dashboards/{dashboard.Id}");
        }
    }
}
