using System.Security.Cryptography;
using CrmCdp.Web.Platform.Auth.ApiKeys;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CrmCdp.Web.Platform.Seeding;

/// <summary>Built-in roles and their default permissions, the first admin, the bootstrap API key.</summary>
internal sealed partial class IdentitySeeder(
    AppDbContext db,
    RoleManager<AppRole> roleManager,
    UserManager<AppUser> userManager,
    IOptions<BootstrapOptions> bootstrap,
    IHostEnvironment environment,
    TimeProvider timeProvider,
    ILogger<IdentitySeeder> logger)
{
    public const string DevelopmentAdminEmail = "admin@crmcdp.local";

    /// <returns>The password of a newly created first admin when it was generated here, else null.</returns>
    public async Task<BootstrapAdmin?> SeedAsync(CancellationToken cancellationToken)
    {
        await EnsureBuiltInRolesAsync();
        await GrantNewPermissionsAsync(cancellationToken);
        var admin = await EnsureFirstAdminAsync(cancellationToken);
        await EnsureBootstrapApiKeyAsync(cancellationToken);
        return admin;
    }

    private async Task EnsureBuiltInRolesAsync()
    {
        foreach (var builtIn in BuiltInRoles.All)
        {
            if (await roleManager.FindByNameAsync(builtIn.Name) is null)
            {
                var result = await roleManager.CreateAsync(new AppRole { Name = builtIn.Name, Description = builtIn.Description, IsBuiltIn = true });
                ThrowIfFailed(result, $"creating role {builtIn.Name}");
            }
        }
    }

    private async Task GrantNewPermissionsAsync(CancellationToken cancellationToken)
    {
        var known = await db.KnownPermissions.Select(p => p.Name).ToListAsync(cancellationToken);
        var newPermissions = Permissions.All.Except(known).ToList();
        if (newPermissions.Count == 0)
        {
            return;
        }

        var roleIds = await db.Roles.Where(r => r.Name != null).ToDictionaryAsync(r => r.Name!, r => r.Id, cancellationToken);
        var now = timeProvider.GetUtcNow();
        foreach (var permission in newPermissions)
        {
            db.KnownPermissions.Add(new KnownPermission { Name = permission, FirstSeenAt = now });
            foreach (var role in BuiltInRoles.All)
            {
                if (role.DefaultFor(permission) is { } grant)
                {
                    db.RolePermissions.Add(new RolePermission { RoleId = roleIds[role.Name], Permission = permission, Scope = grant.Scope });
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        LogPermissionsGranted(logger, newPermissions.Count);
    }

    private async Task<BootstrapAdmin?> EnsureFirstAdminAsync(CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return null;
        }

        var email = bootstrap.Value.AdminEmail;
        var password = bootstrap.Value.AdminPassword;
        var generated = false;
        if (environment.IsDevelopment())
        {
            email = string.IsNullOrWhiteSpace(email) ? DevelopmentAdminEmail : email;
            if (string.IsNullOrWhiteSpace(password))
            {
                password = GeneratePassword();
                generated = true;
            }
        }

        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            LogNoAdmin(logger);
            return null;
        }

        var admin = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = "Administrator",
            CreatedAt = timeProvider.GetUtcNow(),
        };
        ThrowIfFailed(await userManager.CreateAsync(admin, password), $"creating the first admin {email} (check Bootstrap__AdminPassword against the password policy)");
        ThrowIfFailed(await userManager.AddToRoleAsync(admin, BuiltInRoles.Admin), "making the first user an Admin");
        LogAdminCreated(logger, email);
        return new BootstrapAdmin(email, password, generated);
    }

    private async Task EnsureBootstrapApiKeyAsync(CancellationToken cancellationToken)
    {
        var key = bootstrap.Value.ApiKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            return;
        }

        var hash = ApiKeySecret.Hash(key);
        if (await db.ApiKeys.AnyAsync(k => k.KeyHash == hash, cancellationToken))
        {
            return;
        }

        var adminRole = await roleManager.FindByNameAsync(BuiltInRoles.Admin)
            ?? throw new InvalidOperationException("The Admin role is missing.");
        db.ApiKeys.Add(new ApiKey
        {
            Id = Guid.NewGuid(),
            Name = "Bootstrap key",
            Prefix = ApiKeySecret.DisplayPrefix(key),
            KeyHash = hash,
            RoleId = adminRole.Id,
            CreatedAt = timeProvider.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A password that satisfies the policy: upper, lower, digit, symbol, 20 characters.</summary>
    internal static string GeneratePassword() =>
        "Cc1!" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');

    private static void ThrowIfFailed(IdentityResult result, string action)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Failed {action}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Granted {Count} new permissions to the built-in roles")]
    private static partial void LogPermissionsGranted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first admin {Email}")]
    private static partial void LogAdminCreated(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No user exists yet: set Bootstrap__AdminEmail and Bootstrap__AdminPassword to create the first admin")]
    private static partial void LogNoAdmin(ILogger logger);
}

internal sealed record BootstrapAdmin(string Email, string Password, bool PasswordWasGenerated);
