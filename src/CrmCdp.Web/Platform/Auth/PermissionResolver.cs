using System.Security.Claims;
using CrmCdp.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CrmCdp.Web.Platform.Auth;

/// <summary>
/// Works out what a signed-in user or API key may do, from the roles held in the database now,
/// so a role change applies to the next request instead of the next sign-in.
/// </summary>
internal sealed class PermissionResolver(IDbContextFactory<AppDbContext> dbFactory, IMemoryCache cache)
{
    // Short enough that a revoked permission stops working within seconds, long enough that a page
    // checking ten permissions asks the database once.
    private static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(5);

    public async Task<IReadOnlySet<string>> GetPermissionsAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return new HashSet<string>();
        }

        if (Guid.TryParse(principal.FindFirstValue(AuthClaims.ApiKeyRoleId), out var apiKeyRoleId))
        {
            return await CachedAsync($"permissions:role:{apiKeyRoleId}", db =>
                db.RolePermissions.Where(p => p.RoleId == apiKeyRoleId).Select(p => p.Permission), cancellationToken);
        }

        if (Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return await CachedAsync($"permissions:user:{userId}", db =>
                db.UserRoles.Where(ur => ur.UserId == userId)
                    .Join(db.RolePermissions, ur => ur.RoleId, rp => rp.RoleId, (_, rp) => rp.Permission), cancellationToken);
        }

        return new HashSet<string>();
    }

    public async Task<bool> HasAsync(ClaimsPrincipal principal, string permission, CancellationToken cancellationToken = default) =>
        (await GetPermissionsAsync(principal, cancellationToken)).Contains(permission);

    public void Forget(Guid userId) => cache.Remove($"permissions:user:{userId}");

    private async Task<IReadOnlySet<string>> CachedAsync(
        string key, Func<AppDbContext, IQueryable<string>> query, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(key, out IReadOnlySet<string>? cached) && cached is not null)
        {
            return cached;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var permissions = (await query(db).Distinct().ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        cache.Set(key, (IReadOnlySet<string>)permissions, CacheDuration);
        return permissions;
    }
}
