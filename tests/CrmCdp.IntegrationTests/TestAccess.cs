using System.Security.Claims;
using CrmCdp.TestSupport;
using CrmCdp.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCdp.IntegrationTests;

/// <summary>The access a service is called with, for tests that call services directly rather than through the API.</summary>
internal static class TestAccess
{
    /// <summary>The access of a user as the pages and endpoints resolve it (the admin when no email is given).</summary>
    public static async Task<AccessContext> AccessOfAsync(this AppFixture app, string? email = null)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email ?? CrmCdpAppFactory.AdminEmail)
            ?? throw new InvalidOperationException($"No user {email}.");
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()), new Claim(ClaimTypes.Name, user.Email!)], "test"));
        return await app.Factory.Services.GetRequiredService<AccessContextFactory>().CreateAsync(principal, TestContext.Current.CancellationToken);
    }

    /// <summary>An access holding exactly these permissions (scope all), acting as nobody in particular.</summary>
    public static AccessContext Holding(params string[] permissions) =>
        new(null, permissions.ToDictionary(p => p, _ => RecordScope.All), new HashSet<Guid>());
}
