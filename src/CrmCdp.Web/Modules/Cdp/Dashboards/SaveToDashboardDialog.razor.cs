using System.Text.Json;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Cdp.Dashboards;

/// <summary>Saves the question on screen as a tile of a dashboard (an existing one of the user's, or a new one).</summary>
public partial class SaveToDashboardDialog
{
    private IReadOnlyList<DashboardDto> _dashboards = [];
    private Guid? _dashboardId;
    private string? _name = "My dashboard";
    private string? _title;
    private bool _rolling = true;
    private bool _saving;
    private string? _error;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private DashboardService Dashboards { get; set; } = default!;

    [Parameter, EditorRequired]
    public string Kind { get; set; } = "";

    /// <summary>The insight's request, as its endpoint takes it.</summary>
    [Parameter, EditorRequired]
    public object Query { get; set; } = default!;

    [Parameter]
    public int LastDays { get; set; } = 30;

    [Parameter]
    public string? Title { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _title = Title;
        _dashboards = [.. ((await Dashboards.ListAsync(await AccessAsync())).Value ?? []).Where(d => d.Editable)];
        _dashboardId = _dashboards.Count > 0 ? _dashboards[0].Id : null;
    }

    private async Task SaveAsync()
    {
        _saving = true;
        var tile = new DashboardTile { Title = _title, Kind = Kind, Query = JsonSerializer.SerializeToElement(Query, Query.GetType(), JsonSerializerOptions.Web), LastDays = _rolling ? LastDays : null, Width = 6 };
        var access = await AccessAsync();
        var existing = _dashboards.FirstOrDefault(d => d.Id == _dashboardId);
        var input = existing is null
            ? new DashboardInput { Name = _name, Tiles = [tile] }
            : new DashboardInput
            {
                Name = existing.Name,
                Description = existing.Description,
                Shared = existing.Shared,
                RefreshSeconds = existing.RefreshSeconds,
                Tiles = [.. existing.Tiles, tile],
                Version = existing.Version,
            };
        var saved = await Dashboards.SaveAsync(access, existing?.Id, input);
        _saving = false;
        if (saved.Value is { } dashboard)
        {
            Snackbar.Add($"Saved to {dashboard.Name}.", Severity.Success);
            Dialog.Close(DialogResult.Ok(dashboard.Id));
            return;
        }

        _error = saved.Errors?.Values.SelectMany(e => e).FirstOrDefault() ?? saved.Message;
    }
}
