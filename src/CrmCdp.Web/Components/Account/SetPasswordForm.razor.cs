using CrmCdp.Web.Platform.Auth.Accounts;
using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Components.Account;

/// <summary>Choosing a password from an emailed link (an invitation or a reset): twice, checked against the password rules.</summary>
public partial class SetPasswordForm
{
    private readonly List<string> _problems = [];

    [Parameter, EditorRequired]
    public string FormName { get; set; } = "";

    [Parameter]
    public string ButtonText { get; set; } = "Set password";

    /// <summary>Sets the password; answers whether it worked and, if not, why.</summary>
    [Parameter, EditorRequired]
    public Func<string, Task<AccountLinkResult>> Submit { get; set; } = default!;

    /// <summary>Where to go once the password is set.</summary>
    [Parameter, EditorRequired]
    public string DoneUrl { get; set; } = "";

    [SupplyParameterFromForm]
    private PasswordInput Input { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override void OnInitialized() => Input ??= new();

    private async Task SubmitAsync()
    {
        _problems.Clear();
        if (string.IsNullOrEmpty(Input.Password))
        {
            _problems.Add("Enter a new password.");
            return;
        }

        if (Input.Password != Input.Confirm)
        {
            _problems.Add("The two passwords are not the same.");
            return;
        }

        var result = await Submit(Input.Password);
        if (result.Succeeded)
        {
            Navigation.NavigateTo(DoneUrl, forceLoad: true);
            return;
        }

        _problems.AddRange(result.LinkProblem is { } link ? [link] : result.PasswordProblems);
    }

    internal sealed class PasswordInput
    {
        public string Password { get; set; } = "";

        public string Confirm { get; set; } = "";
    }
}
