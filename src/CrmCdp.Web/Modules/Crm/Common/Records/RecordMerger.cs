using CrmCdp.Web.Modules.Crm.Bulk;
using CrmCdp.Web.Modules.Crm.Timeline;

namespace CrmCdp.Web.Modules.Crm.Common.Records;

/// <summary>What a kind of record decides in a merge; the flow around it is <see cref="RecordMerger"/>'s.</summary>
internal interface IMergeRules<T>
    where T : class, IBulkEditableRecord
{
    /// <summary>The records, with what combining them needs loaded.</summary>
    IQueryable<T> Load(AppDbContext db);

    /// <summary>Takes the chosen fields from the merged record, combines the lists; answers the survivor's changed fields.</summary>
    Task<IReadOnlyList<FieldChange>> CombineAsync(T survivor, T merged, IReadOnlySet<string> takeFromMerged, CancellationToken cancellationToken);

    /// <summary>Points what pointed at the merged record (people, activities, tasks) at the survivor.</summary>
    Task MoveRelatedAsync(AppDbContext db, Guid survivorId, Guid mergedId, CancellationToken cancellationToken);

    /// <summary>The merged record as its survivor's timeline names it.</summary>
    string Describe(T merged);
}

/// <summary>Which of the two records a merge keeps, and the fields it takes from the other.</summary>
public sealed class MergeRequest
{
    public Guid SurvivorId { get; set; }

    public Guid MergedId { get; set; }

    /// <summary>Fields to take from the merged record; the rest keep the survivor's values. Lists (emails, phones, tags) are combined.</summary>
    public List<string> TakeFromMerged { get; set; } = [];
}

/// <summary>
/// Merges two records of a kind in one transaction: the survivor keeps the chosen values, what pointed at the other
/// record (and its history) moves over, the other is deleted softly, and the merge is on the survivor's timeline.
/// </summary>
internal sealed class RecordMerger(IDbContextFactory<AppDbContext> dbFactory, TimeProvider timeProvider)
{
    /// <returns>The survivor's id, or why the merge could not be done.</returns>
    public async Task<OperationResult<Guid>> MergeAsync<T>(
        AccessContext access, CrmRecordKind<T> kind, IMergeRules<T> rules, MergeRequest request, CancellationToken cancellationToken)
        where T : class, IBulkEditableRecord
    {
        if (request.SurvivorId == request.MergedId)
        {
            return OperationResult<Guid>.Invalid("mergedId", $"Choose two different {kind.Plural}.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var pair = await rules.Load(db).Where(r => r.Id == request.SurvivorId || r.Id == request.MergedId).ToListAsync(cancellationToken);
        var survivor = pair.SingleOrDefault(r => r.Id == request.SurvivorId);
        var merged = pair.SingleOrDefault(r => r.Id == request.MergedId);
        if (survivor is null || merged is null || !access.Allows(kind.Read, survivor.OwnerId) || !access.Allows(kind.Read, merged.OwnerId))
        {
            return OperationResult<Guid>.NotFound();
        }

        if (!access.Allows(kind.Edit, survivor.OwnerId) || !access.Allows(kind.Delete, merged.OwnerId))
        {
            return OperationResult<Guid>.Forbidden($"Merging needs the right to edit the kept {kind.Noun} and to delete the other one.");
        }

        var changes = await rules.CombineAsync(survivor, merged, (request.TakeFromMerged ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase), cancellationToken);
        var now = timeProvider.GetUtcNow();
        (survivor.UpdatedAt, merged.DeletedAt) = (now, now);
        await rules.MoveRelatedAsync(db, survivor.Id, merged.Id, cancellationToken);
        if (kind.History is { } type)
        {
            await db.Set<RecordChange>().Where(c => c.RecordType == type && c.RecordId == merged.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.RecordId, survivor.Id), cancellationToken);
            await db.Set<RecentView>().Where(v => v.RecordType == type && v.RecordId == merged.Id).ExecuteDeleteAsync(cancellationToken);
        }

        CrmRecordCommands.Note(db, kind, access, survivor.Id, now, changes);
        CrmRecordCommands.Note(db, kind, access, survivor.Id, now, "merged", merged.Id.ToString(), rules.Describe(merged));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return OperationResult<Guid>.Conflict($"One of the {kind.Plural} changed while merging. Reload and try again.");
        }

        await transaction.CommitAsync(cancellationToken);
        return OperationResult<Guid>.Ok(survivor.Id);
    }
}
