using System.Security.Claims;
using CrmCdp.Web.Platform.Notifications;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;

namespace CrmCdp.Web.Components.Layout;

public sealed partial class NotificationBell
{
    private int _unread;
    private IReadOnlyList<NotificationDto> _items = [];
    private Guid? _userId;
    private bool _open;
    private IDisposable? _subscription;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        _userId = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
        Navigation.LocationChanged += OnLocationChanged;
        if (_userId is { } userId)
        {
            _subscription = Signals.Subscribe(userId, () => InvokeAsync(async () =>
            {
                await RefreshAsync();
                if (_open)
                {
                    _items = await Notifications.LatestAsync(userId);
                }

                StateHasChanged();
            }));
        }

        await RefreshAsync();
    }

    public void Dispose()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        _subscription?.Dispose();
    }

    private async Task RefreshAsync() => _unread = _userId is { } id ? await Notifications.UnreadCountAsync(id) : 0;

    private async Task OnOpenChangedAsync(bool open)
    {
        _open = open;
        if (!open || _userId is not { } id)
        {
            return;
        }

        _items = await Notifications.LatestAsync(id);
        await Notifications.MarkAllReadAsync(id);
        _unread = 0;
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) =>
        _ = InvokeAsync(async () =>
        {
            await RefreshAsync();
            StateHasChanged();
        });
}
