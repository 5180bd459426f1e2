
namespace CrmCdp.Web.Modules.Crm.Common;

/// <summary>Display names of users, for owners on lists, timelines and change history.</summary>
[SystemAccess("The directory of colleagues: the names every signed-in user sees next to the records they may read.")]
internal sealed class UserDirectory(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IEnumerable<Guid?> ids, CancellationToken cancellationToken = default)
    {
        var wanted = ids.OfType<Guid>().Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<Guid, string>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.Where(u => wanted.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? u.Id.ToString() : u.DisplayName, cancellationToken);
    }

    public async Task<bool> ExistsAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AnyAsync(u => u.Id == id, cancellationToken);
    }

    /// <summary>Why this owner cannot be given a record under the permission's scope, or null when they can.</summary>
    public async Task<string?> OwnerProblemAsync(AccessContext access, Guid? ownerId, string permission, string records, CancellationToken cancellationToken = default)
    {
        if (ownerId is { } owner && !await ExistsAsync(owner, cancellationToken))
        {
            return "No such user.";
        }

        return access.Allows(permission, ownerId) ? null
            : access.ScopeOf(permission) == RecordScope.Team
                ? $"You can only assign {records} to members of your team."
                : $"You can only assign {records} to yourself.";
    }

    /// <summary>Teams by name, for team filters and pickers.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> TeamsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var teams = await db.Teams.OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
        return [.. teams.Select(t => (t.Id, t.Name))];
    }

    /// <summary>Users a record could be assigned to, for owner pickers.</summary>
    public async Task<IReadOnlyList<UserOption>> AssignableAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.OrderBy(u => u.DisplayName)
            .Select(u => new UserOption(u.Id, u.DisplayName == "" ? u.Email ?? "" : u.DisplayName))
            .ToListAsync(cancellationToken);
    }
}

public sealed record UserOption(Guid Id, string Name);
