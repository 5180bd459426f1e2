using CrmCdp.Web.Platform.Auth.ApiKeys;
using CrmCdp.Web.Platform.Auth.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace CrmCdp.Web.Platform.Auth;

internal static class AuthRegistration
{
    /// <summary>Chooses the API key handler for bearer requests and the Identity cookie for the rest.</summary>
    public const string CompositeScheme = "CrmCdp";

    public const string LoginPath = "/account/login";
    public const string ApiReferencePath = "/api/docs";
    public const string AccessDeniedPath = "/account/access-denied";

    public static IServiceCollection AddAppAuth(this IServiceCollection services)
    {
        services.AddIdentity<AppUser, AppRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.SignIn.RequireConfirmedAccount = false;
                options.Tokens.PasswordResetTokenProvider = Accounts.AccountTokens.PasswordReset;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<AppSignInManager>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<Accounts.InvitationTokenProvider>(Accounts.AccountTokens.Invitation)
            .AddTokenProvider<Accounts.PasswordResetTokenProvider>(Accounts.AccountTokens.PasswordReset);
        services.AddSingleton<Accounts.AccountLinks>();
        services.AddSingleton<Accounts.AccountEmails>();
        services.AddSingleton<Accounts.AccountRecovery>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = CompositeScheme;
                options.DefaultAuthenticateScheme = CompositeScheme;
                options.DefaultChallengeScheme = CompositeScheme;
                options.DefaultForbidScheme = CompositeScheme;
                options.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(CompositeScheme, "Cookie or API key", options =>
                options.ForwardDefaultSelector = context =>
                    ApiKeyAuthenticationHandler.ReadBearerToken(context.Request.Headers.Authorization.ToString()) is not null
                        ? ApiKeyAuthenticationHandler.SchemeName
                        : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        services.AddSingleton<ITicketStore, DatabaseTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<ITicketStore>((cookie, store) =>
            {
                cookie.SessionStore = store;
                cookie.Cookie.Name = "crmcdp.auth";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
                cookie.SlidingExpiration = true;
                cookie.LoginPath = LoginPath;
                cookie.AccessDeniedPath = AccessDeniedPath;
                cookie.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
            });

        services.AddMemoryCache();
        services.AddSingleton<PermissionResolver>();
        services.AddSingleton<TwoFactor.TwoFactorPolicy>();
        services.AddSingleton<TwoFactor.TwoFactorSetupService>();
        services.AddSingleton<AccessContextFactory>();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, SessionRevalidatingAuthenticationStateProvider>();
        return services;
    }

    /// <summary>API callers get a status code; browsers get sent to the sign-in or access-denied page.</summary>
    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsApiRequest(context.Request))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Machine callers; the API reference (<c>/api/docs</c>) is a page for people, so it sends them to sign in.</summary>
    private static bool IsApiRequest(HttpRequest request) =>
        (request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !request.Path.StartsWithSegments(ApiReferencePath, StringComparison.OrdinalIgnoreCase))
        || request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments(Health.MetricsRegistration.Path, StringComparison.OrdinalIgnoreCase);
}
