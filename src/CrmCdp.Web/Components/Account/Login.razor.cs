using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Components.Account;

public partial class Login
{
    private readonly Dictionary<string, string> _fieldErrors = [];

    [SupplyParameterFromForm]
    private LoginInput Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    private bool SignedOut { get; set; }

    [SupplyParameterFromQuery]
    private bool PasswordSet { get; set; }

    [SupplyParameterFromQuery]
    private bool PasswordReset { get; set; }

    protected override void OnInitialized() => Input ??= new();

    private string? FieldError(string field) => _fieldErrors.GetValueOrDefault(field);

    private async Task SignInAsync()
    {
        var problems = new ValidationContext(Input);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(Input, problems, results, validateAllProperties: true))
        {
            foreach (var result in results)
            {
                foreach (var member in result.MemberNames)
                {
                    _fieldErrors.TryAdd(member, result.ErrorMessage ?? "This field is invalid.");
                }
            }

            return;
        }

        var signIn = await SignInManager.PasswordSignInAsync(Input.Email.Trim(), Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (signIn.RequiresTwoFactor)
        {
            Navigation.NavigateTo($"/account/login-2fa?returnUrl={Uri.EscapeDataString(SafeReturnUrl(ReturnUrl))}&rememberMe={Input.RememberMe}", forceLoad: true);
            return;
        }

        var user = await SignInManager.UserManager.FindByEmailAsync(Input.Email.Trim());
        var summary = signIn.Succeeded ? "Signed in" : signIn.IsLockedOut ? "Sign-in refused: account locked" : signIn.IsNotAllowed ? "Sign-in refused: account deactivated" : "Wrong email or password";
        if (await FinishAsync(signIn, user?.Id, Input.Email.Trim(), summary))
        {
            return;
        }

        Error = signIn.IsLockedOut
            ? "This account is locked after too many failed sign-ins. Try again in 15 minutes or ask an administrator to unlock it."
            : signIn.IsNotAllowed
                ? "This account is deactivated. Ask an administrator to reactivate it."
                : "The email or password is incorrect.";
    }

    internal sealed class LoginInput
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        public string Password { get; set; } = "";

        public bool RememberMe { get; set; }
    }
}
