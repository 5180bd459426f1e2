using System.Security.Claims;

namespace CrmCdp.Web.Platform.Auth;

/// <summary>
/// Who is acting and how far each permission reaches, resolved once per operation. API keys act as
/// the user who created them for "own" and "team" scopes.
/// </summary>
internal sealed class AccessContext(
    Guid? userId, IReadOnlyDictionary<string, RecordScope> grants, IReadOnlySet<Guid> teamMemberIds, bool isApiKey = false, string? actorName = null)
{
    /// <summary>True when an API key acts (as its creator, but with its own role).</summary>
    public bool IsApiKey { get; } = isApiKey;

    public Guid? UserId { get; } = userId;

    /// <summary>Who acts, as the audit log names them: the user's name, or the API key's name.</summary>
    public string? ActorName { get; } = actorName;

    /// <summary>The users whose records "team" scope reaches: everyone in the actor's teams, and the actor.</summary>
    public IReadOnlySet<Guid> TeamMemberIds { get; } = teamMemberIds;

    /// <summary>Lets minimal-API handlers take an <see cref="AccessContext"/> parameter for the caller.</summary>
    public static async ValueTask<AccessContext?> BindAsync(HttpContext context) =>
        await context.RequestServices.GetRequiredService<AccessContextFactory>().CreateAsync(context.User, context.RequestAborted);

    /// <summary>
    /// A named system actor (the email channel) holding exactly these permissions over all records; for work that arrives
    /// from outside with no signed-in person behind it.
    /// </summary>
    public static AccessContext System(string actorName, params string[] permissions) =>
        new(null, permissions.ToDictionary(p => p, _ => RecordScope.All, StringComparer.Ordinal), new HashSet<Guid>(), actorName: actorName);

    public RecordScope ScopeOf(string permission) => grants.GetValueOrDefault(permission, RecordScope.None);

    public bool Has(string permission) => ScopeOf(permission) != RecordScope.None;

    /// <summary>
    /// A context in which <paramref name="target"/> reaches only as far as <paramref name="limit"/> does,
    /// e.g. exporting uses the narrower of the export and read scopes.
    /// </summary>
    public AccessContext NarrowedTo(string limit, string target)
    {
        var narrowed = new Dictionary<string, RecordScope>(grants, StringComparer.Ordinal)
        {
            [target] = (RecordScope)Math.Min((int)ScopeOf(limit), (int)ScopeOf(target)),
        };
        return new AccessContext(UserId, narrowed, TeamMemberIds, IsApiKey, ActorName);
    }

    /// <summary>
    /// A context that also holds <paramref name="permission"/> for every record, for one read that a service has
    /// authorized by a rule of its own (a rep reading the behaviour of a contact they can see).
    /// </summary>
    public AccessContext Granting(string permission) =>
        new(UserId, new Dictionary<string, RecordScope>(grants, StringComparer.Ordinal) { [permission] = RecordScope.All }, TeamMemberIds, IsApiKey, ActorName);

    /// <summary>Whether the permission reaches a record with this owner.</summary>
    public bool Allows(string permission, Guid? ownerId) => ScopeOf(permission) switch
    {
        RecordScope.All => true,
        RecordScope.Team => ownerId is { } owner && TeamMemberIds.Contains(owner),
        RecordScope.Own => ownerId is { } owner && owner == UserId,
        _ => false,
    };
}

internal sealed class AccessContextFactory(PermissionResolver permissions, IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<AccessContext> CreateAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        var grants = await permissions.GetGrantsAsync(principal, cancellationToken);
        var userId = await ActingUserIdAsync(principal, cancellationToken);
        IReadOnlySet<Guid> team = new HashSet<Guid>();
        if (userId is { } id && grants.Values.Any(scope => scope == RecordScope.Team))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var myTeams = db.TeamMembers.Where(m => m.UserId == id).Select(m => m.TeamId)
                .Union(db.Teams.Where(t => t.LeadUserId == id).Select(t => t.Id));
            var members = await db.TeamMembers.Where(m => myTeams.Contains(m.TeamId)).Select(m => m.UserId)
                .Union(db.Teams.Where(t => myTeams.Contains(t.Id) && t.LeadUserId != null).Select(t => t.LeadUserId!.Value))
                .ToListAsync(cancellationToken);
            team = members.Append(id).ToHashSet();
        }
        else if (userId is { } self)
        {
            team = new HashSet<Guid> { self };
        }

        return new AccessContext(userId, grants, team, principal.HasClaim(c => c.Type == AuthClaims.ApiKeyId), principal.FindFirstValue(ClaimTypes.Name));
    }

    private async Task<Guid?> ActingUserIdAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(principal.FindFirstValue(AuthClaims.ApiKeyId), out var apiKeyId))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.ApiKeys.Where(k => k.Id == apiKeyId).Select(k => k.CreatedByUserId).SingleOrDefaultAsync(cancellationToken);
        }

        return Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId) ? userId : null;
    }
}
