
namespace CrmCdp.Web.Modules.Crm.Common.Records;

/// <summary>
/// What differs between the kinds of CRM record for the flows they share (find for a change, versioned save, delete,
/// restore, history, merge, bulk actions): their names in messages, their permissions, which records a caller may read.
/// </summary>
/// <param name="History">The timeline a record's changes go to; null for kinds that keep none (activities, tasks).</param>
internal sealed record CrmRecordKind<T>(CrmRecordType? History, string Noun, string Plural, string Read, string Edit, string Delete)
    where T : class, ICrmRecord
{
    /// <summary>Which records a permission reaches: by default those whose owner its scope reaches (tickets add their team queues).</summary>
    public Func<AppDbContext, AccessContext, string, IQueryable<T>>? ScopeRule { get; init; }

    /// <summary>Which records the caller may read: by default those the read permission reaches (activities add those of readable records).</summary>
    public Func<AppDbContext, AccessContext, IQueryable<T>>? ReadableRule { get; init; }

    public string ConflictMessage => $"Someone else changed this {Noun} after you opened it. Reload to see their changes, then make yours again.";

    public IQueryable<T> Within(AppDbContext db, AccessContext access, string permission) =>
        ScopeRule?.Invoke(db, access, permission) ?? db.Set<T>().Within(access, permission);

    public IQueryable<T> Readable(AppDbContext db, AccessContext access) => ReadableRule?.Invoke(db, access) ?? Within(db, access, Read);

    public string CannotMessage(string verb) => $"You can view this {Noun} but not {verb} it.";
}
