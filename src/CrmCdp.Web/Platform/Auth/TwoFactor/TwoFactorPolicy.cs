using Microsoft.Extensions.Caching.Memory;

namespace CrmCdp.Web.Platform.Auth.TwoFactor;

/// <summary>Whether a user must still set up two-factor sign-in because one of their roles requires it.</summary>
internal sealed class TwoFactorPolicy(IDbContextFactory<AppDbContext> dbFactory, IMemoryCache cache, PermissionResolver resolver)
{
    public async Task<bool> IsRequiredAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.UserRoles.Where(ur => ur.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.RequireTwoFactor).AnyAsync(required => required, cancellationToken);
    }

    /// <summary>Required by a role but not enabled yet; cached briefly (and reset by any role or user change) since every page request asks.</summary>
    public Task<bool> IsSetupPendingAsync(Guid userId, CancellationToken cancellationToken = default) =>
        cache.GetOrCreateAsync($"two-factor:{resolver.Generation}:{userId}", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(5);
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var enabled = await db.Users.Where(u => u.Id == userId).Select(u => u.TwoFactorEnabled).SingleOrDefaultAsync(cancellationToken);
            return !enabled && await IsRequiredAsync(userId, cancellationToken);
        });
}
