using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using CrmCdp.Web.Platform.Settings;

namespace CrmCdp.Web.Platform.Security;

/// <summary>Requests per minute: sign-in attempts and public form posts per client address, API calls per key (or user, or address).</summary>
internal sealed class RateLimitOptions : ISettingsSection
{
    public static string Section => "RateLimits";

    public int LoginPerMinute { get; set; } = 10;

    public int ApiPerMinute { get; set; } = 1200;

    public int FormsPerMinute { get; set; } = 60;
}

internal static class RateLimiting
{
    public static IServiceCollection AddAppRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = SettingsRegistration.Read<RateLimitOptions>(configuration);
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, limits));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(
                        statusCode: StatusCodes.Status429TooManyRequests,
                        title: "Too many requests.",
                        detail: $"Slow down and retry after {Math.Ceiling(retryAfter.TotalSeconds)} seconds.")
                    .ExecuteAsync(rejected.HttpContext);
            };
        });
        return services;
    }

    /// <summary>The forms anyone may post without signing in: each costs a password check or an email, so each is limited per address.</summary>
    private static readonly string[] AnonymousAccountForms =
    [
        AuthRegistration.LoginPath, Auth.Accounts.AccountLinks.ForgotPasswordPath, Auth.Accounts.AccountLinks.ResetPasswordPath, Auth.Accounts.AccountLinks.InvitationPath,
    ];

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions limits)
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && AnonymousAccountForms.Any(path => request.Path.Equals(path, StringComparison.OrdinalIgnoreCase)))
        {
            return PerMinute($"login:{ClientAddress(context)}", limits.LoginPerMinute);
        }

        if (HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/f", StringComparison.OrdinalIgnoreCase))
        {
            return PerMinute($"form:{ClientAddress(context)}", limits.FormsPerMinute);
        }

        if (request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            var caller = context.User.FindFirstValue(AuthClaims.ApiKeyId) is { } keyId ? $"key:{keyId}"
                : context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId ? $"user:{userId}"
                : $"address:{ClientAddress(context)}";
            return PerMinute($"api:{caller}", limits.ApiPerMinute);
        }

        return RateLimitPartition.GetNoLimiter("unlimited");
    }

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
