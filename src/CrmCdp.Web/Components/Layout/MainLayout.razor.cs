using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using MudBlazor;

namespace CrmCdp.Web.Components.Layout;

public partial class MainLayout
{
    private const string DarkModeKey = "crmcdp.darkMode";

    private bool _drawerOpen = true;
    private bool _isDarkMode;
    private MudThemeProvider? _themeProvider;

    [Inject]
    private ProtectedLocalStorage LocalStorage { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        // The choice is remembered per browser; without one, follow the operating system.
        var stored = await LocalStorage.GetAsync<bool>(DarkModeKey);
        var preferDark = stored.Success ? stored.Value : _themeProvider is not null && await _themeProvider.GetSystemDarkModeAsync();
        if (preferDark != _isDarkMode)
        {
            _isDarkMode = preferDark;
            StateHasChanged();
        }
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private async Task ToggleDarkModeAsync()
    {
        _isDarkMode = !_isDarkMode;
        await LocalStorage.SetAsync(DarkModeKey, _isDarkMode);
    }
}
