using CrmCdp.Web.Platform.Audit;
using CrmCdp.Web.Platform.Validation;
using FluentValidation;

namespace CrmCdp.Web.Modules.Admin.Roles;

internal sealed class RoleService(
    IDbContextFactory<AppDbContext> dbFactory, IValidator<RoleInput> validator, PermissionResolver resolver, AuditLog audit)
{
    public async Task<IReadOnlyList<RoleDto>> ListAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.RolesManage) && !access.Has(Permissions.Admin.UsersManage))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var roles = await db.Roles.Include(r => r.Permissions).OrderBy(r => r.Name).AsNoTracking().ToListAsync(cancellationToken);
        var counts = await db.UserRoles.GroupBy(ur => ur.RoleId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return [.. roles.Select(r => ToDto(r, counts.GetValueOrDefault(r.Id)))];
    }

    public async Task<OperationResult<RoleDto>> GetAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default) =>
        (await ListAsync(access, cancellationToken)).FirstOrDefault(r => r.Id == id) is { } role ? OperationResult<RoleDto>.Ok(role) : OperationResult<RoleDto>.NotFound();

    public async Task<OperationResult<RoleDto>> CreateAsync(AccessContext access, RoleInput input, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.RolesManage))
        {
            return OperationResult<RoleDto>.Forbidden("Your role cannot manage roles.");
        }

        var errors = ValidationErrors.ByField(await validator.ValidateAsync(input, cancellationToken));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var name = input.Name?.Trim() ?? "";
        var normalized = name.ToUpperInvariant();
        if (errors.Count == 0 && await db.Roles.AnyAsync(r => r.NormalizedName == normalized, cancellationToken))
        {
            errors["name"] = [$"A role named '{name}' already exists."];
        }

        if (errors.Count > 0)
        {
            return OperationResult<RoleDto>.Invalid(errors);
        }

        var role = new AppRole
        {
            Id = Guid.NewGuid(),
            Name = name,
            NormalizedName = name.ToUpperInvariant(),
            Description = input.Description?.Trim() ?? "",
            RequireTwoFactor = input.RequireTwoFactor ?? false,
        };
        role.Permissions.AddRange(Grants(input).Select(g => new RolePermission { RoleId = role.Id, Permission = g.Key, Scope = g.Value }));
        db.Roles.Add(role);
        var entry = AuditActor.For(access, AuditActions.RoleCreated);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("role", role.Id.ToString(), $"Created role {name} with {role.Permissions.Count} permissions");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<RoleDto>.Ok(ToDto(role, 0));
    }

    /// <summary>Replaces the role's description and whole permission matrix (permissions left out are removed).</summary>
    public async Task<OperationResult<RoleDto>> UpdateAsync(AccessContext access, Guid id, RoleInput input, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.RolesManage))
        {
            return OperationResult<RoleDto>.Forbidden("Your role cannot manage roles.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var role = await db.Roles.Include(r => r.Permissions).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (role is null)
        {
            return OperationResult<RoleDto>.NotFound();
        }

        input.Name ??= role.Name;
        var errors = ValidationErrors.ByField(await validator.ValidateAsync(input, cancellationToken));
        if (!string.Equals(input.Name?.Trim(), role.Name, StringComparison.Ordinal))
        {
            errors["name"] = ["A role keeps its name; create a new role instead."];
        }

        var grants = Grants(input);
        if (role.Name == BuiltInRoles.Admin && !grants.ContainsKey(Permissions.Admin.RolesManage))
        {
            errors[$"permissions.{Permissions.Admin.RolesManage}"] = ["The Admin role always keeps “Manage roles”, so nobody can be locked out."];
        }

        if (errors.Count > 0)
        {
            return OperationResult<RoleDto>.Invalid(errors);
        }

        var before = role.Permissions.ToDictionary(p => p.Permission, p => p.Scope);
        role.Description = input.Description?.Trim() ?? role.Description;
        if (input.RequireTwoFactor is { } requireTwoFactor && requireTwoFactor != role.RequireTwoFactor)
        {
            var twoFactor = AuditActor.For(access, AuditActions.RolePermissionsChanged);
            (twoFactor.RecordType, twoFactor.RecordId, twoFactor.Field) = ("role", role.Id.ToString(), "requireTwoFactor");
            (twoFactor.Before, twoFactor.After, twoFactor.Summary) = (role.RequireTwoFactor.ToString(), requireTwoFactor.ToString(), $"Role {role.Name}: two-factor sign-in {(requireTwoFactor ? "required" : "optional")}");
            audit.Add(db, twoFactor);
            role.RequireTwoFactor = requireTwoFactor;
        }

        db.RolePermissions.RemoveRange(role.Permissions.Where(p => !grants.ContainsKey(p.Permission)));
        foreach (var (permission, scope) in grants)
        {
            if (role.Permissions.FirstOrDefault(p => p.Permission == permission) is { } existing)
            {
                existing.Scope = scope;
            }
            else
            {
                db.RolePermissions.Add(new RolePermission { RoleId = role.Id, Permission = permission, Scope = scope });
            }
        }

        foreach (var permission in before.Keys.Union(grants.Keys).Order(StringComparer.Ordinal))
        {
            var old = before.GetValueOrDefault(permission, RecordScope.None);
            var now = grants.GetValueOrDefault(permission, RecordScope.None);
            if (old != now)
            {
                var entry = AuditActor.For(access, AuditActions.RolePermissionsChanged);
                (entry.RecordType, entry.RecordId, entry.Field) = ("role", role.Id.ToString(), permission);
                (entry.Before, entry.After, entry.Summary) = (RoleScopes.Name(old), RoleScopes.Name(now), $"Role {role.Name}: {PermissionCatalog.Label(permission)}");
                audit.Add(db, entry);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        resolver.InvalidateAll();
        var users = await db.UserRoles.CountAsync(ur => ur.RoleId == id, cancellationToken);
        var saved = await db.Roles.Include(r => r.Permissions).AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken);
        return OperationResult<RoleDto>.Ok(ToDto(saved, users));
    }

    /// <summary>Deletes a custom role nobody holds (an API key carrying it blocks deletion too).</summary>
    public async Task<OperationResult<bool>> DeleteAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.RolesManage))
        {
            return OperationResult<bool>.Forbidden("Your role cannot manage roles.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var role = await db.Roles.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (role is null)
        {
            return OperationResult<bool>.NotFound();
        }

        if (role.IsBuiltIn)
        {
            return OperationResult<bool>.Conflict("Built-in roles cannot be deleted; change their permissions instead.");
        }

        if (await db.UserRoles.AnyAsync(ur => ur.RoleId == id, cancellationToken) || await db.ApiKeys.AnyAsync(k => k.RoleId == id && k.RevokedAt == null, cancellationToken))
        {
            return OperationResult<bool>.Conflict("Users or API keys still hold this role; take it away from them first.");
        }

        db.Roles.Remove(role);
        var entry = AuditActor.For(access, AuditActions.RoleDeleted);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("role", role.Id.ToString(), $"Deleted role {role.Name}");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<bool>.Ok(true);
    }

    private static Dictionary<string, RecordScope> Grants(RoleInput input) =>
        (input.Permissions ?? [])
            .Select(p => (p.Key, Scope: RoleScopes.Parse(p.Value) ?? RecordScope.None))
            .Where(p => p.Scope != RecordScope.None)
            .ToDictionary(p => p.Key, p => Permissions.IsScoped(p.Key) ? p.Scope : RecordScope.All, StringComparer.Ordinal);

    private static RoleDto ToDto(AppRole role, int users) => new(
        role.Id, role.Name ?? "", role.Description, role.IsBuiltIn, users,
        role.Permissions.OrderBy(p => p.Permission, StringComparer.Ordinal).ToDictionary(p => p.Permission, p => RoleScopes.Name(p.Scope)),
        role.RequireTwoFactor);
}
