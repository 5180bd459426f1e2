using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Crm.Views;

/// <summary>The filter bar of a CRM list: its filters, the saved views menu, more filters and the column chooser.</summary>
public partial class ListToolbar
{
    private bool _chooseColumns;

    /// <summary>The filters always in sight.</summary>
    [Parameter, EditorRequired]
    public RenderFragment Filters { get; set; } = default!;

    /// <summary>Filters behind "More filters"; without them the button is not shown.</summary>
    [Parameter]
    public RenderFragment? MoreFilters { get; set; }

    [Parameter]
    public bool MoreFiltersOpen { get; set; }

    [Parameter]
    public EventCallback<bool> MoreFiltersOpenChanged { get; set; }

    [Parameter, EditorRequired]
    public ListColumns Columns { get; set; } = default!;

    /// <summary>Raised after a column is shown or hidden, so the list redraws its table.</summary>
    [Parameter]
    public EventCallback ColumnsChanged { get; set; }

    [Parameter, EditorRequired]
    public IReadOnlyList<SavedViewDto> Views { get; set; } = [];

    [Parameter]
    public string? CurrentView { get; set; }

    [Parameter]
    public EventCallback<SavedViewDto> OnApplyView { get; set; }

    [Parameter]
    public EventCallback OnSaveView { get; set; }

    private Task ToggleMoreFiltersAsync() => MoreFiltersOpenChanged.InvokeAsync(!MoreFiltersOpen);

    private Task ToggleColumnAsync(string column, bool show)
    {
        Columns.Toggle(column, show);
        return ColumnsChanged.InvokeAsync();
    }
}
