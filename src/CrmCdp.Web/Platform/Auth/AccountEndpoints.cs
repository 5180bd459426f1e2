using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace CrmCdp.Web.Platform.Auth;

internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post carrying the antiforgery token, so a third-party page cannot sign users out.
        endpoints.MapPost("/account/logout", async Task<Results<RedirectHttpResult, ProblemHttpResult>> (
                HttpContext context, IAntiforgery antiforgery, SignInManager<AppUser> signInManager, Audit.AuditLog audit) =>
            {
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The sign-out form has expired; reload the page and try again.");
                }

                await audit.WriteAsync(Audit.AuditActor.For(context.User, Audit.AuditActions.SignOut));
                await signInManager.SignOutAsync();
                return TypedResults.LocalRedirect($"{AuthRegistration.LoginPath}?signedOut=true");
            })
            .DisableAntiforgery()
            .ExcludeFromDescription();
        return endpoints;
    }
}
