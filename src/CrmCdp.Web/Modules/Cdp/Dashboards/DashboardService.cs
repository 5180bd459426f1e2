using System.Text.Json;

namespace CrmCdp.Web.Modules.Cdp.Dashboards;

/// <summary>Dashboards of saved insights: each reader's own, and the shared ones; only the owner changes one.</summary>
internal sealed class DashboardService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider timeProvider)
{
    public const int MaxTiles = 24;
    private static readonly int[] Widths = [3, 4, 6, 8, 12];

    public async Task<OperationResult<IReadOnlyList<DashboardDto>>> ListAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.InsightsRead))
        {
            return OperationResult<IReadOnlyList<DashboardDto>>.Forbidden(Insights.InsightAccess.Denied);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var dashboards = await Visible(db, access).OrderBy(d => d.Name).AsNoTracking().ToListAsync(cancellationToken);
        return OperationResult<IReadOnlyList<DashboardDto>>.Ok([.. dashboards.Select(d => ToDto(d, access))]);
    }

    public async Task<OperationResult<DashboardDto>> GetAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.InsightsRead))
        {
            return OperationResult<DashboardDto>.Forbidden(Insights.InsightAccess.Denied);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Visible(db, access).AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken) is { } dashboard
            ? OperationResult<DashboardDto>.Ok(ToDto(dashboard, access))
            : OperationResult<DashboardDto>.NotFound();
    }

    public async Task<OperationResult<DashboardDto>> SaveAsync(AccessContext access, Guid? id, DashboardInput? input, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.InsightsRead) || access.UserId is not { } me)
        {
            return OperationResult<DashboardDto>.Forbidden("Dashboards belong to signed-in users who may read insights.");
        }

        var now = timeProvider.GetUtcNow();
        if (Check(input, now) is { Count: > 0 } errors)
        {
            return OperationResult<DashboardDto>.Invalid(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        InsightDashboard dashboard;
        if (id is { } existing)
        {
            if (await Visible(db, access).SingleOrDefaultAsync(d => d.Id == existing, cancellationToken) is not { } found)
            {
                return OperationResult<DashboardDto>.NotFound();
            }

            if (found.OwnerUserId != me)
            {
                return OperationResult<DashboardDto>.Forbidden("Only the dashboard's owner changes it; copy it to make your own.");
            }

            if (input!.Version != found.Version)
            {
                return OperationResult<DashboardDto>.Conflict("Someone changed this dashboard since you opened it. Reload it and make your change again.");
            }

            dashboard = found;
        }
        else
        {
            dashboard = new InsightDashboard { Id = Guid.CreateVersion7(), OwnerUserId = me, CreatedAt = now };
            db.Add(dashboard);
        }

        foreach (var tile in input!.Tiles!)
        {
            (tile.Id, tile.Width, tile.Title) = (string.IsNullOrWhiteSpace(tile.Id) ? Guid.NewGuid().ToString("N")[..12] : tile.Id.Trim(), tile.Width ?? 6, tile.Title?.Trim());
        }

        (dashboard.Name, dashboard.Description, dashboard.Shared) = (input.Name!.Trim(), string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(), input.Shared);
        (dashboard.RefreshSeconds, dashboard.Tiles, dashboard.UpdatedAt) = (input.RefreshSeconds ?? 0, JsonSerializer.Serialize(input.Tiles, JsonSerializerOptions.Web), now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return OperationResult<DashboardDto>.Conflict("Someone changed this dashboard at the same moment. Reload it and make your change again.");
        }

        return OperationResult<DashboardDto>.Ok(ToDto(dashboard, access));
    }

    public async Task<OperationResult<bool>> DeleteAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!access.Has(Permissions.Cdp.InsightsRead) || await Visible(db, access).SingleOrDefaultAsync(d => d.Id == id, cancellationToken) is not { } dashboard)
        {
            return OperationResult<bool>.NotFound();
        }

        if (dashboard.OwnerUserId != access.UserId)
        {
            return OperationResult<bool>.Forbidden("Only the dashboard's owner deletes it.");
        }

        db.Remove(dashboard);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<bool>.Ok(true);
    }

    internal static IReadOnlyList<DashboardTile> TilesOf(InsightDashboard dashboard) =>
        JsonSerializer.Deserialize<List<DashboardTile>>(dashboard.Tiles, JsonSerializerOptions.Web) ?? [];

    internal static IQueryable<InsightDashboard> Visible(AppDbContext db, AccessContext access) =>
        db.Set<InsightDashboard>().Where(d => d.Shared || (access.UserId != null && d.OwnerUserId == access.UserId));

    private static Dictionary<string, string[]> Check(DashboardInput? input, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (input?.Name?.Trim() is not { Length: >= 1 and <= 100 })
        {
            errors["name"] = ["Give the dashboard a name of 1 to 100 characters."];
        }

        if (input?.Description is { Length: > 1000 })
        {
            errors["description"] = ["Keep the description under 1,000 characters."];
        }

        if (input?.RefreshSeconds is not (null or 0 or (>= 30 and <= 3600)))
        {
            errors["refreshSeconds"] = ["Refresh every 30 to 3,600 seconds, or 0 for never."];
        }

        if (input?.Tiles is not { Count: <= MaxTiles } tiles)
        {
            errors["tiles"] = [$"Give the tiles as a list of at most {MaxTiles} ({{ \"title\", \"kind\", \"query\", \"lastDays\", \"width\" }})."];
            return errors;
        }

        for (var i = 0; i < tiles.Count; i++)
        {
            var tile = tiles[i];
            if (tile is null || !TileKinds.All.Contains(tile.Kind))
            {
                errors[$"tiles[{i}].kind"] = [$"A tile is one of: {string.Join(", ", TileKinds.All)}."];
                continue;
            }

            if (tile.Title is { Length: > 100 })
            {
                errors[$"tiles[{i}].title"] = ["Keep a tile's title under 100 characters."];
            }

            if (tile.Width is { } width && !Widths.Contains(width))
            {
                errors[$"tiles[{i}].width"] = ["A tile spans 3, 4, 6, 8 or 12 of 12 columns."];
            }

            if (tile.LastDays is not (null or (>= 1 and <= 365)))
            {
                errors[$"tiles[{i}].lastDays"] = ["Show the last 1 to 365 days, or leave it out to keep the question's own range."];
                continue;
            }

            TileQueries.Read(tile, now, out var problems);
            foreach (var (field, messages) in problems)
            {
                errors[field == "query" ? $"tiles[{i}].query" : $"tiles[{i}].query.{field}"] = messages;
            }
        }

        if (tiles.Where(t => !string.IsNullOrWhiteSpace(t?.Id)).GroupBy(t => t.Id!.Trim()).Any(g => g.Count() > 1))
        {
            errors["tiles"] = ["Two tiles have the same id."];
        }

        return errors;
    }

    private static DashboardDto ToDto(InsightDashboard d, AccessContext access) =>
        new(d.Id, d.Name, d.Description, d.OwnerUserId, d.Shared, d.RefreshSeconds, TilesOf(d), d.CreatedAt, d.UpdatedAt, d.Version)
        {
            Editable = access.UserId is { } me && d.OwnerUserId == me,
        };
}
