using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Crm.MyDay;

public sealed partial class MyDayBadge
{
    // The badge refreshes on navigation, so completing a task and moving on updates the count.
    private int _count;

    [Inject]
    private MyDayService MyDay { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        Navigation.LocationChanged += OnLocationChanged;
        await RefreshAsync();
    }

    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;

    private async Task RefreshAsync() => _count = await MyDay.DueCountAsync(await AccessAsync());

    private void OnLocationChanged(object? sender, Microsoft.AspNetCore.Components.Routing.LocationChangedEventArgs e) =>
        _ = InvokeAsync(async () =>
        {
            await RefreshAsync();
            StateHasChanged();
        });
}
