using CrmCdp.Web.Modules.Admin.Roles;
using CrmCdp.Web.Platform.Audit;
using CrmCdp.Web.Platform.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Identity;

namespace CrmCdp.Web.Modules.Admin.Users;

/// <summary>
/// Creates, changes, deactivates and resets users. Identity's <see cref="UserManager{TUser}"/> is taken from a
/// fresh scope per call, so the service also serves long-lived Blazor circuits.
/// </summary>
internal sealed class UserService(
    IDbContextFactory<AppDbContext> dbFactory,
    IServiceScopeFactory scopes,
    IValidator<UserInput> validator,
    PermissionResolver resolver,
    AuditLog audit,
    TimeProvider timeProvider)
{
    public async Task<IReadOnlyList<UserDto>> ListAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.UsersManage))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ToDtosAsync(db, await db.Users.OrderBy(u => u.DisplayName).AsNoTracking().ToListAsync(cancellationToken), cancellationToken);
    }

    public async Task<OperationResult<UserDto>> GetAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (Refusal(access) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return OperationResult<UserDto>.NotFound();
        }

        var dto = (await ToDtosAsync(db, [user], cancellationToken))[0];
        var grants = await db.UserRoles.Where(ur => ur.UserId == id).Join(db.RolePermissions, ur => ur.RoleId, rp => rp.RoleId, (_, rp) => rp)
            .ToListAsync(cancellationToken);
        var effective = grants.GroupBy(g => g.Permission, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => RoleScopes.Name(g.Max(p => p.Scope)), StringComparer.Ordinal);
        return OperationResult<UserDto>.Ok(dto with { EffectivePermissions = effective });
    }

    public async Task<OperationResult<UserDto>> CreateAsync(AccessContext access, UserInput input, CancellationToken cancellationToken = default)
    {
        if (Refusal(access) is { } refused)
        {
            return refused;
        }

        var errors = ValidationErrors.ByField(await validator.ValidateAsync(input, cancellationToken));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await CheckReferencesAsync(db, input, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return OperationResult<UserDto>.Invalid(errors);
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = input.Email!.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return OperationResult<UserDto>.Invalid("email", "A user with this email already exists.");
        }

        var generated = string.IsNullOrEmpty(input.Password) ? TemporaryPassword.Generate() : null;
        var user = new AppUser { Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = input.DisplayName!.Trim(), IsAway = input.Away ?? false, CreatedAt = timeProvider.GetUtcNow() };
        var created = await users.CreateAsync(user, generated ?? input.Password!);
        if (!created.Succeeded)
        {
            return OperationResult<UserDto>.Invalid("password", string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRolesAsync(user, input.Roles!.Distinct(StringComparer.OrdinalIgnoreCase));
        await SetTeamsAsync(db, user.Id, input.TeamIds ?? [], cancellationToken);
        var entry = AuditActor.For(access, AuditActions.UserCreated);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("user", user.Id.ToString(), $"Created user {email} with roles {string.Join(", ", input.Roles!)}");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        var dto = (await GetAsync(access, user.Id, cancellationToken)).Value!;
        return OperationResult<UserDto>.Ok(dto with { TemporaryPassword = generated });
    }

    /// <summary>Changes name, roles, teams and away status (email and password are not changed here).</summary>
    public async Task<OperationResult<UserDto>> UpdateAsync(AccessContext access, Guid id, UserInput input, CancellationToken cancellationToken = default)
    {
        if (Refusal(access) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken) is not { } user)
        {
            return OperationResult<UserDto>.NotFound();
        }

        input.Email ??= user.Email;
        var errors = ValidationErrors.ByField(await validator.ValidateAsync(input, cancellationToken));
        await CheckReferencesAsync(db, input, errors, cancellationToken);
        var requested = input.Roles ?? [];
        var roleIds = await db.Roles.Where(r => requested.Contains(r.Name!)).Select(r => new { r.Id, r.Name }).ToListAsync(cancellationToken);
        if (user.DeactivatedAt is null && !roleIds.Any(r => r.Name == BuiltInRoles.Admin) && await IsLastActiveAdminAsync(db, id, cancellationToken))
        {
            errors["roles"] = ["This is the last active administrator; give another user the Admin role first."];
        }

        if (errors.Count > 0)
        {
            return OperationResult<UserDto>.Invalid(errors);
        }

        var before = (await ToDtosAsync(db, [user], cancellationToken))[0];
        user.DisplayName = input.DisplayName!.Trim();
        user.IsAway = input.Away ?? user.IsAway;
        db.UserRoles.RemoveRange(await db.UserRoles.Where(ur => ur.UserId == id).ToListAsync(cancellationToken));
        db.UserRoles.AddRange(roleIds.Select(r => new IdentityUserRole<Guid> { UserId = id, RoleId = r.Id }));
        await SetTeamsAsync(db, id, input.TeamIds ?? [.. before.Teams.Select(t => t.Id)], cancellationToken);
        AuditChange(db, access, id, "displayName", before.DisplayName, user.DisplayName);
        AuditChange(db, access, id, "away", before.Away.ToString(), user.IsAway.ToString());
        AuditChange(db, access, id, "roles", string.Join(", ", before.Roles), string.Join(", ", roleIds.Select(r => r.Name).Order(StringComparer.Ordinal)));
        await db.SaveChangesAsync(cancellationToken);
        resolver.InvalidateAll();
        return await GetAsync(access, id, cancellationToken);
    }

    public async Task<OperationResult<UserDto>> SetActiveAsync(AccessContext access, Guid id, bool active, CancellationToken cancellationToken = default)
    {
        if (Refusal(access) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken) is not { } user)
        {
            return OperationResult<UserDto>.NotFound();
        }

        if (!active && access.UserId == id && !access.IsApiKey)
        {
            return OperationResult<UserDto>.Conflict("You cannot deactivate yourself.");
        }

        if (!active && await IsLastActiveAdminAsync(db, id, cancellationToken))
        {
            return OperationResult<UserDto>.Conflict("This is the last active administrator; it cannot be deactivated.");
        }

        if (active == (user.DeactivatedAt is null))
        {
            return await GetAsync(access, id, cancellationToken);
        }

        user.DeactivatedAt = active ? null : timeProvider.GetUtcNow();
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        if (!active)
        {
            await db.UserSessions.Where(s => s.UserId == id).ExecuteDeleteAsync(cancellationToken);
        }

        var entry = AuditActor.For(access, active ? AuditActions.UserReactivated : AuditActions.UserDeactivated);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("user", id.ToString(), $"{(active ? "Reactivated" : "Deactivated")} {user.Email}");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        resolver.InvalidateAll();
        return await GetAsync(access, id, cancellationToken);
    }

    /// <summary>Sets a new generated password, ends the user's sessions, and answers the password once.</summary>
    public async Task<OperationResult<UserDto>> ResetPasswordAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (Refusal(access) is { } refused)
        {
            return refused;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return OperationResult<UserDto>.NotFound();
        }

        var password = TemporaryPassword.Generate();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, password);
        if (!reset.Succeeded)
        {
            return OperationResult<UserDto>.Conflict(string.Join(" ", reset.Errors.Select(e => e.Description)));
        }

        await users.SetLockoutEndDateAsync(user, null);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.UserSessions.Where(s => s.UserId == id).ExecuteDeleteAsync(cancellationToken);
        var entry = AuditActor.For(access, AuditActions.PasswordReset);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("user", id.ToString(), $"Reset the password of {user.Email}");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<UserDto>.Ok((await GetAsync(access, id, cancellationToken)).Value! with { TemporaryPassword = password });
    }

    private void AuditChange(AppDbContext db, AccessContext access, Guid userId, string field, string? before, string? after)
    {
        if (before == after)
        {
            return;
        }

        var entry = AuditActor.For(access, AuditActions.UserUpdated);
        (entry.RecordType, entry.RecordId, entry.Field, entry.Before, entry.After) = ("user", userId.ToString(), field, before, after);
        audit.Add(db, entry);
    }

    internal static async Task CheckReferencesAsync(AppDbContext db, UserInput input, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var roles = input.Roles ?? [];
        var known = await db.Roles.Where(r => roles.Contains(r.Name!)).Select(r => r.Name!).ToListAsync(cancellationToken);
        var unknown = roles.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            errors["roles"] = [$"There is no role named {string.Join(", ", unknown.Select(r => $"'{r}'"))}."];
        }

        var teams = input.TeamIds ?? [];
        if (teams.Count > 0 && await db.Teams.CountAsync(t => teams.Contains(t.Id), cancellationToken) != teams.Distinct().Count())
        {
            errors["teamIds"] = ["One of the teams does not exist."];
        }
    }

    internal static async Task SetTeamsAsync(AppDbContext db, Guid userId, List<Guid> teamIds, CancellationToken cancellationToken)
    {
        db.TeamMembers.RemoveRange(await db.TeamMembers.Where(m => m.UserId == userId).ToListAsync(cancellationToken));
        db.TeamMembers.AddRange(teamIds.Distinct().Select(t => new TeamMember { TeamId = t, UserId = userId }));
    }

    private static async Task<bool> IsLastActiveAdminAsync(AppDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var adminRole = await db.Roles.Where(r => r.Name == BuiltInRoles.Admin).Select(r => r.Id).SingleAsync(cancellationToken);
        var activeAdmins = db.UserRoles.Where(ur => ur.RoleId == adminRole).Join(db.Users.Where(u => u.DeactivatedAt == null), ur => ur.UserId, u => u.Id, (ur, _) => ur.UserId);
        return await activeAdmins.ContainsAsync(userId, cancellationToken) && await activeAdmins.CountAsync(cancellationToken) == 1;
    }

    private static async Task<List<UserDto>> ToDtosAsync(AppDbContext db, List<AppUser> users, CancellationToken cancellationToken)
    {
        var ids = users.Select(u => u.Id).ToList();
        var roles = await db.UserRoles.Where(ur => ids.Contains(ur.UserId)).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var teams = await db.TeamMembers.Where(m => ids.Contains(m.UserId)).Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => new { m.UserId, t.Id, t.Name })
            .ToListAsync(cancellationToken);
        var now = DateTimeOffset.UtcNow;
        return [.. users.Select(u => new UserDto(
            u.Id, u.Email ?? "", u.DisplayName, u.DeactivatedAt is null, u.IsAway, u.LockoutEnd > now ? u.LockoutEnd : null,
            [.. roles.Where(r => r.UserId == u.Id).Select(r => r.Name ?? "").Order(StringComparer.Ordinal)],
            [.. teams.Where(t => t.UserId == u.Id).Select(t => new TeamRef(t.Id, t.Name)).OrderBy(t => t.Name, StringComparer.Ordinal)],
            u.CreatedAt))];
    }

    private static OperationResult<UserDto>? Refusal(AccessContext access) =>
        access.Has(Permissions.Admin.UsersManage) ? null : OperationResult<UserDto>.Forbidden("Your role cannot manage users.");
}
