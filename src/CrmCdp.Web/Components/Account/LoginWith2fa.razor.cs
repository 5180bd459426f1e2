using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Components.Account;

/// <summary>The second sign-in step for users with an authenticator app: a TOTP code, or a one-time recovery code.</summary>
public partial class LoginWith2fa
{
    [SupplyParameterFromForm]
    private CodeInput Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    private bool RememberMe { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        if (await SignInManager.GetTwoFactorAuthenticationUserAsync() is null)
        {
            // No password step in progress (expired or never started): start over.
            Navigation.NavigateTo("/account/login", forceLoad: true);
        }
    }

    private async Task VerifyAsync()
    {
        var user = await SignInManager.GetTwoFactorAuthenticationUserAsync();
        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).Trim();
        if (user is null || code.Length == 0)
        {
            Error = "Enter the code from your authenticator app.";
            return;
        }

        var result = code.Contains('-', StringComparison.Ordinal)
            ? await SignInManager.TwoFactorRecoveryCodeSignInAsync(code)
            : await SignInManager.TwoFactorAuthenticatorSignInAsync(code, RememberMe, rememberClient: false);
        var summary = result.Succeeded ? "Signed in with two factors" : result.IsLockedOut ? "Two-factor code refused: account locked" : "Wrong two-factor code";
        if (await FinishAsync(result, user.Id, user.Email, summary))
        {
            return;
        }

        Error = result.IsLockedOut
            ? "This account is locked after too many failed attempts. Try again in 15 minutes."
            : "That code is not valid. Codes change every 30 seconds; check your device's clock.";
    }

    internal sealed class CodeInput
    {
        public string Code { get; set; } = "";
    }
}
