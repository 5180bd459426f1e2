using CrmCdp.Web.Platform.Audit;

namespace CrmCdp.Web.Modules.Admin.Audit;

/// <summary>Filters of the audit log; <see cref="Action"/> matches a whole action or a prefix ending in a dot ("crm.contact.").</summary>
internal sealed record AuditFilter(Guid? UserId = null, string? Action = null, string? RecordId = null, DateTimeOffset? From = null, DateTimeOffset? To = null);

public sealed record AuditEntryDto(
    long Id, DateTimeOffset At, Guid? UserId, string? Actor, string Action, string? RecordType, string? RecordId,
    string? Field, string? Before, string? After, string? Summary, string? IpAddress);

public sealed record AuditEntriesPage(IReadOnlyList<AuditEntryDto> Items, long? NextCursor);

internal sealed class AuditQueries(IDbContextFactory<AppDbContext> dbFactory)
{
    public const int MaxLimit = 500;

    /// <summary>The users an audit entry may name, by email, for the log's filter.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Email)>> ActorsAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.AuditRead))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return [.. (await db.Users.OrderBy(u => u.Email).Select(u => new { u.Id, u.Email }).ToListAsync(cancellationToken)).Select(u => (u.Id, u.Email ?? ""))];
    }

    /// <summary>Newest first; the cursor is the id of the last entry seen.</summary>
    public async Task<AuditEntriesPage> ListAsync(AccessContext access, AuditFilter filter, long? before, int limit, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.AuditRead))
        {
            return new AuditEntriesPage([], null);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Filtered(db, filter);
        if (before is { } cursor)
        {
            query = query.Where(e => e.Id < cursor);
        }

        var rows = await query.OrderByDescending(e => e.Id).Take(limit + 1).AsNoTracking().ToListAsync(cancellationToken);
        var page = rows.Take(limit).ToList();
        var names = await NamesAsync(db, page, cancellationToken);
        return new AuditEntriesPage([.. page.Select(e => ToDto(e, names))], rows.Count > limit ? page[^1].Id : null);
    }

    /// <summary>Every matching entry, newest first, a batch at a time (for CSV export).</summary>
    public async IAsyncEnumerable<AuditEntryDto> StreamAsync(AccessContext access, AuditFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.AuditExport))
        {
            yield break;
        }

        long? cursor = null;
        do
        {
            var page = await ListAsync(access, filter, cursor, MaxLimit, cancellationToken);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    private static IQueryable<AuditEntry> Filtered(AppDbContext db, AuditFilter filter)
    {
        var query = db.Set<AuditEntry>().AsQueryable();
        if (filter.UserId is { } userId)
        {
            query = query.Where(e => e.UserId == userId);
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            query = action.EndsWith('.') ? query.Where(e => e.Action.StartsWith(action)) : query.Where(e => e.Action == action);
        }

        if (!string.IsNullOrWhiteSpace(filter.RecordId))
        {
            var recordId = filter.RecordId.Trim();
            query = query.Where(e => e.RecordId == recordId);
        }

        if (filter.From is { } from)
        {
            query = query.Where(e => e.At >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(e => e.At < to);
        }

        return query;
    }

    private static async Task<Dictionary<Guid, string>> NamesAsync(AppDbContext db, List<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var ids = entries.Where(e => e.UserId is not null && e.Actor is null).Select(e => e.UserId!.Value).Distinct().ToList();
        return ids.Count == 0 ? [] : await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.DisplayName, cancellationToken);
    }

    private static AuditEntryDto ToDto(AuditEntry e, Dictionary<Guid, string> names) => new(
        e.Id, e.At, e.UserId, e.Actor ?? (e.UserId is { } id ? names.GetValueOrDefault(id) : "system"), e.Action, e.RecordType, e.RecordId,
        e.Field, e.Before, e.After, e.Summary, e.IpAddress);
}
