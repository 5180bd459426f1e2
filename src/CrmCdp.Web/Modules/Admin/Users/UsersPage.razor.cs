using CrmCdp.Web.Platform.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace CrmCdp.Web.Modules.Admin.Users;

public partial class UsersPage
{
    private List<UserRow>? _users;
    private List<RoleRow>? _roles;

    [Inject]
    private IDbContextFactory<AppDbContext> DbFactory { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        var roleNames = await db.Roles.ToDictionaryAsync(r => r.Id, r => r.Name ?? "");
        var memberships = await db.UserRoles.ToListAsync();
        _users = (await db.Users.OrderBy(u => u.DisplayName).ToListAsync())
            .Select(u => new UserRow(
                u.DisplayName,
                u.Email ?? "",
                [.. memberships.Where(m => m.UserId == u.Id).Select(m => roleNames[m.RoleId]).Order()],
                u.LockoutEnd))
            .ToList();
        _roles = (await db.Roles.Include(r => r.Permissions).OrderBy(r => r.Name).ToListAsync())
            .Select(r => new RoleRow(r.Name ?? "", r.Description, [.. r.Permissions.Select(p => p.Permission).Order()]))
            .ToList();
    }

    private sealed record UserRow(string DisplayName, string Email, IReadOnlyList<string> Roles, DateTimeOffset? LockedUntil);

    private sealed record RoleRow(string Name, string Description, IReadOnlyList<string> Permissions);
}
