using CrmCdp.Web.Modules.Crm.Timeline;

namespace CrmCdp.Web.Modules.Crm.Common.Records;

/// <summary>
/// The flows every kind of CRM record shares, written once: finding a record for a change (404 outside the read scope,
/// 403 when the change is not allowed), the versioned save (409 on a concurrent edit), delete and restore, and the rows of
/// its change history. Each kind supplies only what differs (<see cref="CrmRecordKind{T}"/>).
/// </summary>
internal sealed class CrmRecordCommands(IDbContextFactory<AppDbContext> dbFactory, TimeProvider timeProvider)
{
    public const string VersionMissing = "Send the version you read, so that a concurrent edit is not overwritten.";

    /// <summary>
    /// The record, tracked, for a change the <paramref name="permission"/> governs: NotFound when it does not exist or the
    /// caller may not read it; Forbidden ("You can view this … but not <paramref name="verb"/> it.") when the permission does not reach it.
    /// </summary>
    public static async Task<OperationResult<T>> FindForChangeAsync<T>(
        AppDbContext db, CrmRecordKind<T> kind, AccessContext access, Guid id, string permission, string verb, CancellationToken cancellationToken,
        Func<IQueryable<T>, IQueryable<T>>? include = null)
        where T : class, ICrmRecord
    {
        var readable = kind.Readable(db, access);
        var record = await (include is null ? readable : include(readable)).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (record is null)
        {
            return OperationResult<T>.NotFound();
        }

        return await kind.Within(db, access, permission).AnyAsync(r => r.Id == id, cancellationToken)
            ? OperationResult<T>.Ok(record)
            : OperationResult<T>.Forbidden(kind.CannotMessage(verb));
    }

    /// <summary>
    /// The record for an edit: as <see cref="FindForChangeAsync{T}"/> with the kind's edit permission, and the version the
    /// client read becomes the concurrency token (Invalid when none was sent).
    /// </summary>
    public static async Task<OperationResult<T>> FindForEditAsync<T>(
        AppDbContext db, CrmRecordKind<T> kind, AccessContext access, Guid id, uint? version, CancellationToken cancellationToken,
        Func<IQueryable<T>, IQueryable<T>>? include = null)
        where T : class, ICrmRecord
    {
        var found = await FindForChangeAsync(db, kind, access, id, kind.Edit, "edit", cancellationToken, include);
        if (found.Value is not { } record)
        {
            return found;
        }

        if (version is null)
        {
            return OperationResult<T>.Invalid("version", VersionMissing);
        }

        db.Entry(record).Property(r => r.Version).OriginalValue = version.Value;
        return found;
    }

    /// <summary>
    /// The whole of a create: the caller must hold <paramref name="permission"/>; <paramref name="build"/> checks the input
    /// and makes the record (or answers the field errors), adding what goes with it; the record is added, noted as
    /// created and saved, all in one transaction.
    /// </summary>
    /// <returns>The new record's id, or why it was not created.</returns>
    public async Task<OperationResult<Guid>> CreateAsync<T>(
        CrmRecordKind<T> kind, AccessContext access, string permission, string refusal,
        Func<AppDbContext, DateTimeOffset, Task<(T? Record, IReadOnlyDictionary<string, string[]>? Errors)>> build, CancellationToken cancellationToken)
        where T : class, ICrmRecord
    {
        if (!access.Has(permission))
        {
            return OperationResult<Guid>.Forbidden(refusal);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // One transaction, so what the build locks (a team's round robin) stays locked until the record is saved.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var (record, errors) = await build(db, now);
        if (record is null)
        {
            return OperationResult<Guid>.Invalid(errors ?? new Dictionary<string, string[]>());
        }

        db.Add(record);
        Note(db, kind, access, record.Id, now, "created");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return OperationResult<Guid>.Ok(record.Id);
    }

    /// <summary>
    /// The whole of an edit: find the record for an edit at the version the client read (404, 403, 400), let
    /// <paramref name="change"/> check the input and change it (answering field errors, or null), then save (409 when
    /// someone else changed it meanwhile).
    /// </summary>
    public async Task<OperationResult<bool>> EditAsync<T>(
        CrmRecordKind<T> kind, AccessContext access, Guid id, uint? version,
        Func<AppDbContext, T, DateTimeOffset, Task<IReadOnlyDictionary<string, string[]>?>> change, CancellationToken cancellationToken,
        Func<IQueryable<T>, IQueryable<T>>? include = null)
        where T : class, ICrmRecord
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await FindForEditAsync(db, kind, access, id, version, cancellationToken, include);
        if (found.Value is not { } record)
        {
            return found.As<bool>();
        }

        if (await change(db, record, timeProvider.GetUtcNow()) is { Count: > 0 } errors)
        {
            return OperationResult<bool>.Invalid(errors);
        }

        return await SaveAsync(db, kind, cancellationToken);
    }

    /// <summary>Saves the caller's changes; Conflict with the kind's message when someone else changed the record meanwhile.</summary>
    public static async Task<OperationResult<bool>> SaveAsync<T>(AppDbContext db, CrmRecordKind<T> kind, CancellationToken cancellationToken)
        where T : class, ICrmRecord
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return OperationResult<bool>.Ok(true);
        }
        catch (DbUpdateConcurrencyException)
        {
            return OperationResult<bool>.Conflict(kind.ConflictMessage);
        }
    }

    /// <summary>Deletes the record softly (it can be restored) and notes it on its timeline.</summary>
    public async Task<OperationResult<bool>> DeleteAsync<T>(CrmRecordKind<T> kind, AccessContext access, Guid id, CancellationToken cancellationToken)
        where T : class, ICrmRecord
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await FindForChangeAsync(db, kind, access, id, kind.Delete, "delete", cancellationToken);
        if (found.Value is not { } record)
        {
            return found.As<bool>();
        }

        var now = timeProvider.GetUtcNow();
        record.DeletedAt = now;
        Note(db, kind, access, id, now, "deleted");
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<bool>.Ok(true);
    }

    /// <summary>Brings a deleted record back (administrators, from the recycle bin).</summary>
    public async Task<OperationResult<bool>> RestoreAsync<T>(CrmRecordKind<T> kind, AccessContext access, Guid id, CancellationToken cancellationToken)
        where T : class, ICrmRecord
    {
        if (!access.Has(Permissions.Crm.RecordsRestore))
        {
            return OperationResult<bool>.Forbidden("Only an administrator can restore deleted records.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.Set<T>().IgnoreQueryFilters().SingleOrDefaultAsync(r => r.Id == id && r.DeletedAt != null, cancellationToken);
        if (record is null)
        {
            return OperationResult<bool>.NotFound();
        }

        record.DeletedAt = null;
        Note(db, kind, access, id, timeProvider.GetUtcNow(), "restored");
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<bool>.Ok(true);
    }

    /// <summary>Adds a lifecycle row ("created", "deleted", "merged", …) to the record's timeline, for kinds that keep one.</summary>
    public static void Note<T>(AppDbContext db, CrmRecordKind<T> kind, AccessContext access, Guid id, DateTimeOffset at, string field, string? oldValue = null, string? newValue = null)
        where T : class, ICrmRecord
    {
        if (kind.History is { } type)
        {
            db.Add(new RecordChange { RecordType = type, RecordId = id, UserId = access.UserId, ChangedAt = at, Field = field, OldValue = oldValue, NewValue = newValue });
        }
    }

    /// <summary>Adds the changed fields to the record's timeline, for kinds that keep one.</summary>
    public static void Note<T>(AppDbContext db, CrmRecordKind<T> kind, AccessContext access, Guid id, DateTimeOffset at, IEnumerable<FieldChange> changes)
        where T : class, ICrmRecord
    {
        foreach (var change in changes)
        {
            Note(db, kind, access, id, at, change.Field, change.OldValue, change.NewValue);
        }
    }
}
