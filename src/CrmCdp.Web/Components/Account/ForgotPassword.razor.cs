using CrmCdp.Web.Platform.Auth.Accounts;
using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Components.Account;

public partial class ForgotPassword
{
    private string? _sentTo;
    private string? _error;

    [Inject]
    private AccountRecovery Recovery { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromForm]
    private EmailInput Input { get; set; } = default!;

    protected override void OnInitialized() => Input ??= new();

    private async Task RequestAsync()
    {
        if (!CrmCdp.Web.Platform.Email.EmailAddresses.IsMailbox(Input.Email))
        {
            _error = "Enter the email address you sign in with.";
            return;
        }

        // The same answer whether or not the address has an account, so this page cannot tell who has one.
        await Recovery.RequestPasswordResetAsync(Input.Email, Navigation.BaseUri);
        _sentTo = Input.Email.Trim();
    }

    private sealed class EmailInput
    {
        public string Email { get; set; } = "";
    }
}
