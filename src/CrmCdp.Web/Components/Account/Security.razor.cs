using System.Security.Claims;
using CrmCdp.Web.Platform.Auth.TwoFactor;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace CrmCdp.Web.Components.Account;

/// <summary>The signed-in user's own sign-in security: set up, renew or remove an authenticator app.</summary>
public partial class Security
{
    private TwoFactorStatus? _status;
    private AuthenticatorSetup? _setup;
    private IReadOnlyList<string>? _recoveryCodes;
    private string? _code;
    private string? _error;
    private Guid _userId;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Inject]
    private TwoFactorSetupService TwoFactor { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [SupplyParameterFromQuery]
    private bool Required { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _userId = Guid.Parse((await AuthState).User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        _status = await TwoFactor.StatusAsync(_userId);
    }

    private async Task BeginAsync() => _setup = await TwoFactor.BeginAsync(_userId);

    private async Task EnableAsync()
    {
        var codes = await TwoFactor.EnableAsync(_userId, _code ?? "");
        if (codes is null)
        {
            _error = "That code is not valid. Enter the current 6-digit code from the app.";
            return;
        }

        (_recoveryCodes, _setup, _error) = (codes, null, null);
        _status = await TwoFactor.StatusAsync(_userId);
        Snackbar.Add("Two-factor sign-in is on.", Severity.Success);
    }

    private async Task NewCodesAsync()
    {
        _recoveryCodes = await TwoFactor.NewRecoveryCodesAsync(_userId);
        _status = await TwoFactor.StatusAsync(_userId);
    }

    private async Task DisableAsync()
    {
        if (await Dialogs.ShowMessageBoxAsync("Turn off two-factor sign-in?", "Signing in will only ask for your password.", yesText: "Turn off", cancelText: "Cancel") == true
            && await TwoFactor.DisableAsync(_userId))
        {
            _status = await TwoFactor.StatusAsync(_userId);
            _recoveryCodes = null;
        }
    }
}
