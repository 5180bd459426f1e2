using CrmCdp.Web.Modules.Crm.Bulk;
using CrmCdp.Web.Modules.Crm.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Views;

/// <summary>
/// What every CRM list page shares: the table, its selection, the saved views and columns of <see cref="ListToolbar"/>,
/// and the feedback of <see cref="BulkBar"/>. A page supplies its list name, columns and how its filters are kept in a view.
/// </summary>
public abstract class RecordListPage<TRow> : AppComponentBase
{
    [Inject]
    private SavedViewService Views { get; set; } = default!;

    [Inject]
    private UserDirectory Users { get; set; } = default!;

    protected MudTable<TRow>? Table { get; set; }

    protected HashSet<TRow> Selected { get; set; } = [];

    protected IReadOnlyList<UserOption> AssignableUsers { get; private set; } = [];

    protected IReadOnlyList<SavedViewDto> SavedViews { get; private set; } = [];

    protected string? CurrentView { get; private set; }

    protected bool MoreFiltersOpen { get; set; }

    protected string CountText { get; set; } = "…";

    /// <summary>The name saved views are kept under: "contacts", "companies", "deals", "tickets".</summary>
    protected abstract string ListName { get; }

    protected abstract ListColumns Columns { get; }

    protected bool Show(string column) => Columns.Shows(column);

    /// <summary>The filters as a saved view keeps them (the columns are added here).</summary>
    protected abstract ListViewState CaptureFilters();

    protected abstract void RestoreFilters(ListViewState state);

    protected override async Task OnInitializedAsync()
    {
        var access = await AccessAsync();
        AssignableUsers = await Users.AssignableAsync();
        SavedViews = await Views.ListAsync(access, ListName);
        if (ListViewQuery.FromUri(Navigation.Uri) is { } fromAddress)
        {
            RestoreFilters(fromAddress);
        }

        await OnListInitializedAsync(access);
    }

    /// <summary>What the page loads besides the users and saved views.</summary>
    private protected virtual Task OnListInitializedAsync(AccessContext access) => Task.CompletedTask;

    protected virtual Task ReloadAsync() => Table?.ReloadServerData() ?? Task.CompletedTask;

    /// <summary>Applies a filter change; the list no longer matches the view it was opened from.</summary>
    protected Task SetFilter(Action change)
    {
        change();
        CurrentView = null;
        KeepFiltersInAddress();
        return ReloadAsync();
    }

    protected async Task ApplyViewAsync(SavedViewDto view)
    {
        RestoreFilters(view.State);
        Columns.Restore(view.State.Columns);
        KeepFiltersInAddress();
        await ReloadAsync();
        CurrentView = view.Name;
    }

    /// <summary>Replaces the address (adding no history entry) with one that holds the current filters.</summary>
    private void KeepFiltersInAddress() =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(ListViewQuery.ToQuery(CaptureFilters())), replace: true);

    protected async Task SaveViewAsync()
    {
        var dialog = await Dialogs.ShowAsync<SaveViewDialog>("Save view", new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: ValueTuple<string, bool> choice })
        {
            return;
        }

        var access = await AccessAsync();
        var state = CaptureFilters();
        state.Columns = Columns.Chosen;
        var saved = await Views.SaveAsync(access, ListName, choice.Item1, choice.Item2, state);
        if (saved.Value is { } view)
        {
            CurrentView = view.Name;
            SavedViews = await Views.ListAsync(access, ListName);
            Snackbar.Add($"View “{view.Name}” saved.", Severity.Success);
        }
        else
        {
            Snackbar.Add(saved.Errors?.Values.SelectMany(v => v).FirstOrDefault() ?? saved.Message ?? "The view could not be saved.", Severity.Error);
        }
    }

    /// <summary>Reports a bulk action's outcome, clears the selection and reloads.</summary>
    private protected async Task AfterBulkAsync(OperationResult<BulkResult> result, string noun)
    {
        var (message, severity) = BulkFeedback.Of(result, noun);
        Snackbar.Add(message, severity);
        Selected = [];
        await ReloadAsync();
    }

    /// <summary>"1 contact", "1,234 contacts" or "more than 10,000 contacts".</summary>
    /// <remarks>The table loads its rows while it renders, after the page has: the page renders again to show the count.</remarks>
    private protected void Counted(ListCount count, string one, string many)
    {
        CountText = count.IsLowerBound ? $"{count} {many}" : $"{count.Value:N0} {(count.Value == 1 ? one : many)}";
        _ = InvokeAsync(StateHasChanged);
    }

    protected void Open(string href) => Navigation.NavigateTo(href);
}
