using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace CrmCdp.Web.Platform.Auth;

/// <summary>
/// Every page and dialog of every module: knows who is acting and with which permissions and record scopes, and hands
/// that <see cref="AccessContext"/> to the services, which check it themselves.
/// </summary>
public abstract class AppComponentBase : ComponentBase
{
    private static readonly TimeSpan AccessLifetime = TimeSpan.FromSeconds(30);

    private AccessContext? _access;
    private DateTime _accessResolvedAt;
    private long _accessGeneration;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private AccessContextFactory AccessFactory { get; set; } = default!;

    [Inject]
    private PermissionResolver Permissions { get; set; } = default!;

    [Inject]
    protected IDialogService Dialogs { get; set; } = default!;

    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    /// <summary>
    /// Re-resolved every 30 seconds, and at once after a role, team or user change in this instance, so
    /// long-lived components (search, badges) follow permission changes; every service call applies the scope in its query.
    /// </summary>
    internal async Task<AccessContext> AccessAsync()
    {
        if (_access is null || DateTime.UtcNow - _accessResolvedAt > AccessLifetime || _accessGeneration != Permissions.Generation)
        {
            _accessGeneration = Permissions.Generation;
            _access = await AccessFactory.CreateAsync((await AuthenticationState).User);
            _accessResolvedAt = DateTime.UtcNow;
        }

        return _access;
    }

    /// <summary>
    /// Runs <paramref name="refresh"/> every <paramref name="period"/> until <paramref name="closed"/> (the page's own
    /// token, cancelled when it is disposed) and redraws after each, so the page follows background work without a reload.
    /// </summary>
    protected async Task RefreshEveryAsync(TimeSpan period, Func<Task> refresh, CancellationToken closed)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(closed))
            {
                await InvokeAsync(async () =>
                {
                    await refresh();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
    }
}
