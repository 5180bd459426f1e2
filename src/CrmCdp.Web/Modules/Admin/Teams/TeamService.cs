using CrmCdp.Web.Platform.Audit;

namespace CrmCdp.Web.Modules.Admin.Teams;

public sealed class TeamInput
{
    public string? Name { get; set; }

    public Guid? LeadUserId { get; set; }

    public List<Guid>? MemberIds { get; set; }
}

public sealed record TeamMemberDto(Guid Id, string Name, string Email);

public sealed record TeamDto(Guid Id, string Name, Guid? LeadUserId, string? LeadName, IReadOnlyList<TeamMemberDto> Members);

/// <summary>Teams with a lead; "team" record scope reaches what any member (and the lead) owns.</summary>
internal sealed class TeamService(IDbContextFactory<AppDbContext> dbFactory, PermissionResolver resolver, AuditLog audit)
{
    public async Task<IReadOnlyList<TeamDto>> ListAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.UsersManage))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var teams = await db.Teams.Include(t => t.Members).OrderBy(t => t.Name).AsNoTracking().ToListAsync(cancellationToken);
        var users = await db.Users.Select(u => new { u.Id, u.DisplayName, u.Email }).ToDictionaryAsync(u => u.Id, cancellationToken);
        return [.. teams.Select(t => new TeamDto(
            t.Id, t.Name, t.LeadUserId, t.LeadUserId is { } lead && users.TryGetValue(lead, out var l) ? l.DisplayName : null,
            [.. t.Members.Where(m => users.ContainsKey(m.UserId)).Select(m => users[m.UserId]).Select(u => new TeamMemberDto(u.Id, u.DisplayName, u.Email ?? "")).OrderBy(m => m.Name, StringComparer.Ordinal)]))];
    }

    public async Task<OperationResult<TeamDto>> SaveAsync(AccessContext access, Guid? id, TeamInput input, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.UsersManage))
        {
            return OperationResult<TeamDto>.Forbidden("Your role cannot manage teams.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var team = id is { } existingId ? await db.Teams.Include(t => t.Members).SingleOrDefaultAsync(t => t.Id == existingId, cancellationToken) : new Team { Id = Guid.CreateVersion7() };
        if (team is null)
        {
            return OperationResult<TeamDto>.NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            errors["name"] = ["Give the team a name of 1 to 100 characters."];
        }
        else if (await db.Teams.AnyAsync(t => t.Name == name && t.Id != team.Id, cancellationToken))
        {
            errors["name"] = [$"A team named '{name}' already exists."];
        }

        var members = (input.MemberIds ?? []).Distinct().ToList();
        var wanted = members.Concat(input.LeadUserId is { } leadId ? [leadId] : []).Distinct().ToList();
        if (await db.Users.CountAsync(u => wanted.Contains(u.Id), cancellationToken) != wanted.Count)
        {
            errors[input.LeadUserId is { } lead && !await db.Users.AnyAsync(u => u.Id == lead, cancellationToken) ? "leadUserId" : "memberIds"] = ["No such user."];
        }

        if (errors.Count > 0)
        {
            return OperationResult<TeamDto>.Invalid(errors);
        }

        var before = $"{team.Name} (lead {team.LeadUserId}, {team.Members.Count} members)";
        team.Name = name;
        team.LeadUserId = input.LeadUserId;
        if (id is null)
        {
            db.Teams.Add(team);
        }

        db.TeamMembers.RemoveRange(team.Members.Where(m => !members.Contains(m.UserId)));
        db.TeamMembers.AddRange(members.Where(m => team.Members.All(existing => existing.UserId != m)).Select(m => new TeamMember { TeamId = team.Id, UserId = m }));
        var entry = AuditActor.For(access, AuditActions.TeamChanged);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("team", team.Id.ToString(), id is null ? $"Created team {name}" : $"Changed team {name}");
        (entry.Before, entry.After) = (id is null ? null : before, $"{name} (lead {team.LeadUserId}, {members.Count} members)");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        resolver.InvalidateAll();
        return OperationResult<TeamDto>.Ok((await ListAsync(access, cancellationToken)).First(t => t.Id == team.Id));
    }

    public async Task<OperationResult<bool>> DeleteAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.UsersManage))
        {
            return OperationResult<bool>.Forbidden("Your role cannot manage teams.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (team is null)
        {
            return OperationResult<bool>.NotFound();
        }

        db.Teams.Remove(team);
        var entry = AuditActor.For(access, AuditActions.TeamChanged);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("team", id.ToString(), $"Deleted team {team.Name}");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        resolver.InvalidateAll();
        return OperationResult<bool>.Ok(true);
    }
}
