using System.Security.Claims;
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

    private static readonly IReadOnlyDictionary<string, RecordScope> NoGrants = new Dictionary<string, RecordScope>();

    private long _generation;

    /// <summary>Changes whenever roles, memberships or users change here, so holders of resolved access know to resolve again.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Forgets every cached grant: the next check anywhere in this instance reads the database.</summary>
    public void InvalidateAll() => Interlocked.Increment(ref _generation);

    /// <summary>Each permission the caller holds, with the widest scope any of its roles gives.</summary>
    public async Task<IReadOnlyDictionary<string, RecordScope>> GetGrantsAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return NoGrants;
        }

        if (Guid.TryParse(principal.FindFirstValue(AuthClaims.ApiKeyRoleId), out var apiKeyRoleId))
        {
            return await CachedAsync($"permissions:{Generation}:role:{apiKeyRoleId}", db =>
                db.RolePermissions.Where(p => p.RoleId == apiKeyRoleId), cancellationToken);
        }

        if (Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return await CachedAsync($"permissions:{Generation}:user:{userId}", db =>
                db.UserRoles.Where(ur => ur.UserId == userId && db.Users.Any(u => u.Id == userId && u.DeactivatedAt == null))
                    .Join(db.RolePermissions, ur => ur.RoleId, rp => rp.RoleId, (_, rp) => rp), cancellationToken);
        }

        return NoGrants;
    }

    public async Task<IReadOnlySet<string>> GetPermissionsAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default) =>
        (await GetGrantsAsync(principal, cancellationToken)).Keys.ToHashSet(StringComparer.Ordinal);

    public async Task<bool> HasAsync(ClaimsPrincipal principal, string permission, CancellationToken cancellationToken = default) =>
        (await GetGrantsAsync(principal, cancellationToken)).ContainsKey(permission);

    public void Forget(Guid userId) => cache.Remove($"permissions:{Generation}:user:{userId}");

    private async Task<IReadOnlyDictionary<string, RecordScope>> CachedAsync(
        string key, Func<AppDbContext, IQueryable<RolePermission>> query, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(key, out IReadOnlyDictionary<string, RecordScope>? cached) && cached is not null)
        {
            return cached;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await query(db).Select(p => new { p.Permission, p.Scope }).ToListAsync(cancellationToken);
        IReadOnlyDictionary<string, RecordScope> grants = rows
            .Where(r => r.Scope != RecordScope.None)
            .GroupBy(r => r.Permission, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(r => r.Scope), StringComparer.Ordinal);
        cache.Set(key, grants, CacheDuration);
        return grants;
    }
}
