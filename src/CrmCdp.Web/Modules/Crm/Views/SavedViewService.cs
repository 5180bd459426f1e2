using System.Text.Json;

namespace CrmCdp.Web.Modules.Crm.Views;

public sealed record SavedViewDto(Guid Id, string Name, bool Shared, bool Mine, ListViewState State);

internal sealed class SavedViewService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider timeProvider)
{
    /// <summary>The caller's own views and everyone's shared ones, by name.</summary>
    public async Task<IReadOnlyList<SavedViewDto>> ListAsync(AccessContext access, string list, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<SavedView>().Where(v => v.List == list && (v.UserId == access.UserId || v.Shared))
            .OrderBy(v => v.Name).AsNoTracking().ToListAsync(cancellationToken);
        return [.. rows.Select(v => new SavedViewDto(v.Id, v.Name, v.Shared, v.UserId == access.UserId,
            JsonSerializer.Deserialize<ListViewState>(v.StateJson) ?? new ListViewState()))];
    }

    public async Task<OperationResult<SavedViewDto>> SaveAsync(
        AccessContext access, string list, string name, bool shared, ListViewState state, CancellationToken cancellationToken = default)
    {
        if (access.UserId is not { } userId)
        {
            return OperationResult<SavedViewDto>.Forbidden("Only a signed-in user can save views.");
        }

        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > 100)
        {
            return OperationResult<SavedViewDto>.Invalid("name", "Give the view a name of 1 to 100 characters.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var view = await db.Set<SavedView>().SingleOrDefaultAsync(v => v.List == list && v.UserId == userId && v.Name == trimmed, cancellationToken);
        if (view is null)
        {
            view = new SavedView { Id = Guid.CreateVersion7(), UserId = userId, List = list, Name = trimmed, CreatedAt = timeProvider.GetUtcNow() };
            db.Add(view);
        }

        view.Shared = shared;
        view.StateJson = JsonSerializer.Serialize(state);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<SavedViewDto>.Ok(new SavedViewDto(view.Id, view.Name, view.Shared, true, state));
    }

    /// <summary>Deletes one of the caller's own views.</summary>
    public async Task<bool> DeleteAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<SavedView>().Where(v => v.Id == id && v.UserId == access.UserId).ExecuteDeleteAsync(cancellationToken) > 0;
    }
}
