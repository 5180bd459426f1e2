using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Timeline;

namespace CrmCdp.Web.Modules.Crm.Bulk;

/// <summary>Applies one action to many selected records, each within the caller's scope, in one transaction, with a timeline entry per change.</summary>
internal sealed class BulkRecordEditor(IDbContextFactory<AppDbContext> dbFactory, UserDirectory users, Common.Records.AssignmentNotices notices, TimeProvider timeProvider)
{
    public const int MaxIds = 1000;
    private static readonly string[] CommonActions = ["assignOwner", "addTag", "delete"];

    public async Task<OperationResult<BulkResult>> ApplyAsync<T>(
        AccessContext access, BulkRequest request, BulkTarget<T> target, CancellationToken cancellationToken = default)
        where T : class, IBulkEditableRecord
    {
        var errors = await ValidateAsync(access, request, target, cancellationToken);
        if (errors.Count > 0)
        {
            return OperationResult<BulkResult>.Invalid(errors);
        }

        var permission = request.Action == "delete" ? target.DeletePermission : target.EditPermission;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = request.Ids.Distinct().ToList();
        var records = await db.Set<T>().Within(access, permission).Where(r => ids.Contains(r.Id)).ToListAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var names = await users.NamesAsync(records.Select(r => r.OwnerId).Append(request.OwnerId), cancellationToken);
        foreach (var record in records)
        {
            record.UpdatedAt = now;
            if (request.Action == "assignOwner" && target.AssignedTitle is { } title)
            {
                await notices.TellAsync(db, access, target.RecordType, record.Id, title(record), request.OwnerId, record.OwnerId, cancellationToken);
            }

            var (field, before, after) = request.Action switch
            {
                "assignOwner" => AssignOwner(record, request.OwnerId, names),
                "addTag" => AddTag((ITaggedRecord)record, request.Tag!.Trim()),
                "delete" => Delete(record, now),
                _ => target.ApplyExtra(record, request),
            };
            if (before != after)
            {
                db.Add(new RecordChange
                {
                    RecordType = target.RecordType,
                    RecordId = record.Id,
                    UserId = access.UserId,
                    ChangedAt = now,
                    Field = field,
                    OldValue = before,
                    NewValue = after,
                });
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return OperationResult<BulkResult>.Conflict($"Some of the selected {target.Noun} changed meanwhile; nothing was changed. Reload and try again.");
        }

        return OperationResult<BulkResult>.Ok(new BulkResult(records.Count, ids.Count - records.Count));
    }

    private static (string, string?, string?) AssignOwner(IBulkEditableRecord record, Guid? ownerId, IReadOnlyDictionary<Guid, string> names)
    {
        var before = record.OwnerId is { } o ? names.GetValueOrDefault(o) : null;
        record.OwnerId = ownerId;
        return ("Owner", before, ownerId is { } n ? names.GetValueOrDefault(n) : null);
    }

    private static (string, string?, string?) AddTag(ITaggedRecord record, string tag)
    {
        var before = string.Join(", ", record.Tags);
        if (!record.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
        {
            record.Tags = [.. record.Tags, tag];
        }

        return ("Tags", before, string.Join(", ", record.Tags));
    }

    private static (string, string?, string?) Delete(IBulkEditableRecord record, DateTimeOffset now)
    {
        record.DeletedAt = now;
        return ("deleted", null, "bulk");
    }

    private async Task<Dictionary<string, string[]>> ValidateAsync<T>(
        AccessContext access, BulkRequest request, BulkTarget<T> target, CancellationToken cancellationToken)
        where T : class, IBulkEditableRecord
    {
        var errors = new Dictionary<string, string[]>();
        request.Ids ??= [];
        if (request.Ids.Count == 0 || request.Ids.Count > MaxIds)
        {
            errors["ids"] = [$"Select between 1 and {MaxIds} {target.Noun}."];
        }

        switch (request.Action)
        {
            case "assignOwner" when request.OwnerId is not { } owner || !await users.ExistsAsync(owner, cancellationToken):
                errors["ownerId"] = ["Choose the user who becomes the owner."];
                break;
            case "assignOwner" when !access.Allows(target.EditPermission, request.OwnerId):
                errors["ownerId"] = [$"You cannot give {target.Noun} to this user."];
                break;
            case "addTag" when !typeof(ITaggedRecord).IsAssignableFrom(typeof(T)):
                errors["action"] = [$"{target.Noun} have no tags; the action must be one of: assignOwner, delete."];
                break;
            case "addTag" when string.IsNullOrWhiteSpace(request.Tag) || request.Tag.Trim().Length > 50:
                errors["tag"] = ["Tags must be 1 to 50 characters."];
                break;
            case { } action when CommonActions.Contains(action):
                break;
            case { } action when target.ExtraActions.Contains(action):
                foreach (var (field, messages) in target.ValidateExtra(request))
                {
                    errors[field] = messages;
                }

                break;
            default:
                errors["action"] = [$"The action must be one of: {string.Join(", ", CommonActions.Concat(target.ExtraActions))}."];
                break;
        }

        return errors;
    }
}
