using CrmCdp.Web.Platform.Audit;
using CrmCdp.Web.Platform.Auth.ApiKeys;

namespace CrmCdp.Web.Modules.Admin.ApiKeys;

/// <summary>Creates, lists and revokes API keys; one short-lived context per call, so it also serves Blazor circuits.</summary>
internal sealed class ApiKeyService(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, TimeProvider timeProvider)
{
    public async Task<IReadOnlyList<string>> ListRoleNamesAsync(AccessContext access, CancellationToken cancellationToken)
    {
        if (!access.Has(Permissions.Admin.ApiKeysManage))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Roles.Where(r => r.Name != null).Select(r => r.Name!).OrderBy(n => n).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ApiKeySummary>> ListAsync(AccessContext access, CancellationToken cancellationToken)
    {
        if (!access.Has(Permissions.Admin.ApiKeysManage))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys
            .OrderByDescending(k => k.CreatedAt)
            .Join(db.Roles, k => k.RoleId, r => r.Id, (k, r) => new ApiKeySummary(
                k.Id, k.Name, k.Prefix, r.Name ?? "", k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Creates a key; the secret is returned here and never again.</summary>
    public async Task<ApiKeyResult> CreateAsync(AccessContext access, CreateApiKeyRequest request, CancellationToken cancellationToken)
    {
        if (!access.Has(Permissions.Admin.ApiKeysManage))
        {
            return ApiKeyResult.Invalid(nameof(request.Role), "Your role cannot create API keys.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var role = await db.Roles.Include(r => r.Permissions).SingleOrDefaultAsync(r => r.Name == request.Role, cancellationToken);
        if (role is null)
        {
            return ApiKeyResult.Invalid(nameof(request.Role), $"There is no role named '{request.Role}'.");
        }

        // Each permission of the key's role must be held with at least the same scope (own < team < all).
        var missing = role.Permissions
            .Where(p => p.Scope > access.ScopeOf(p.Permission))
            .Select(p => p.Scope == RecordScope.All ? p.Permission : $"{p.Permission} ({p.Scope.ToString().ToLowerInvariant()})")
            .Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            return ApiKeyResult.Invalid(nameof(request.Role),
                $"You cannot create a key with more rights than you hold yourself; the role also grants {string.Join(", ", missing)}.");
        }

        var secret = ApiKeySecret.Generate();
        var key = new ApiKey
        {
            Id = Guid.NewGuid(),
            Name = request.Name.Trim(),
            Prefix = ApiKeySecret.DisplayPrefix(secret),
            KeyHash = ApiKeySecret.Hash(secret),
            RoleId = role.Id,
            CreatedByUserId = access.IsApiKey ? null : access.UserId,
            CreatedAt = timeProvider.GetUtcNow(),
            ExpiresAt = request.ExpiresAt?.ToUniversalTime(),
        };
        db.ApiKeys.Add(key);
        var entry = AuditActor.For(access, AuditActions.ApiKeyCreated);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("apiKey", key.Id.ToString(), $"Created API key “{key.Name}” ({key.Prefix}…) with role {role.Name}");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        return ApiKeyResult.Created(new CreatedApiKey(key.Id, key.Name, role.Name ?? "", key.Prefix, secret, key.ExpiresAt));
    }

    /// <returns>false when no such key exists (or the caller may not manage keys).</returns>
    public async Task<bool> RevokeAsync(AccessContext access, Guid id, CancellationToken cancellationToken)
    {
        if (!access.Has(Permissions.Admin.ApiKeysManage))
        {
            return false;
        }

        var now = timeProvider.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return false;
        }

        if (key.RevokedAt is null)
        {
            key.RevokedAt = now;
            var entry = AuditActor.For(access, AuditActions.ApiKeyRevoked);
            (entry.RecordType, entry.RecordId, entry.Summary) = ("apiKey", key.Id.ToString(), $"Revoked API key “{key.Name}” ({key.Prefix}…)");
            audit.Add(db, entry);
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

internal sealed record ApiKeySummary(
    Guid Id, string Name, string Prefix, string Role, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);

internal sealed record CreatedApiKey(Guid Id, string Name, string Role, string Prefix, string Key, DateTimeOffset? ExpiresAt);

internal sealed record ApiKeyResult(CreatedApiKey? Key, string? Field, string? Error)
{
    public static ApiKeyResult Created(CreatedApiKey key) => new(key, null, null);

    public static ApiKeyResult Invalid(string field, string error) => new(null, field, error);
}
