using CrmCdp.Web.Platform.Audit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace CrmCdp.Web.Components.Account;

/// <summary>A step of signing in (password, then a second factor): each audits its outcome and, once signed in, goes back where the user was.</summary>
public abstract class SignInStep : ComponentBase
{
    [Inject]
    private protected SignInManager<AppUser> SignInManager { get; set; } = default!;

    [Inject]
    private AuditLog Audit { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery]
    protected string? ReturnUrl { get; set; }

    /// <summary>Why the step failed, shown above the form.</summary>
    protected string? Error { get; set; }

    /// <summary>Only paths on this site: an absolute URL in returnUrl would make the login page an open redirect.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";

    /// <summary>Audits the attempt; on success goes to the return URL and answers true.</summary>
    private protected async Task<bool> FinishAsync(SignInResult result, Guid? userId, string? actor, string summary)
    {
        await Audit.WriteAsync(new AuditEntry
        {
            Action = result.Succeeded ? AuditActions.SignInSucceeded : AuditActions.SignInFailed,
            UserId = userId,
            Actor = actor,
            Summary = summary,
        });
        if (result.Succeeded)
        {
            Navigation.NavigateTo(SafeReturnUrl(ReturnUrl), forceLoad: true);
        }

        return result.Succeeded;
    }
}
