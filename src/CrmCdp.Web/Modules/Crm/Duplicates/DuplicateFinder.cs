using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Contacts;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Duplicates;

public sealed record DuplicatePair(ContactDto First, ContactDto Second, string Reason);

/// <summary>Finds likely duplicate contacts: a shared email or phone, or a very similar name at the same company.</summary>
internal sealed class DuplicateFinder(IDbContextFactory<AppDbContext> dbFactory, UserDirectory users)
{
    public async Task<IReadOnlyList<DuplicatePair>> FindAsync(AccessContext access, int limit = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var scope = access.ScopeOf(P.ContactsRead);
        if (scope == RecordScope.None)
        {
            return [];
        }

        var allOwners = scope == RecordScope.All;
        var owners = scope == RecordScope.Team ? access.TeamMemberIds.ToArray() : access.UserId is { } me ? [me] : [];
        var pairs = await db.Database.SqlQuery<PairRow>($"""
            WITH visible AS (
                SELECT id, emails, phones, company_id, lower(first_name || ' ' || last_name) AS name
                FROM crm_contacts
                WHERE deleted_at IS NULL AND ({allOwners} OR owner_id = ANY({owners}))
            ), shared_points AS (
                SELECT a.id AS first_id, b.id AS second_id, 'same email or phone' AS reason
                FROM visible a JOIN visible b ON a.id < b.id AND (a.emails && b.emails OR a.phones && b.phones)
            ), similar_names AS (
                SELECT a.id AS first_id, b.id AS second_id, 'similar name at the same company' AS reason
                FROM visible a JOIN visible b ON a.id < b.id AND a.company_id = b.company_id
                WHERE length(a.name) > 3 AND similarity(a.name, b.name) > 0.8
            )
            SELECT DISTINCT ON (first_id, second_id) first_id, second_id, reason
            FROM (SELECT * FROM shared_points UNION ALL SELECT * FROM similar_names) p
            ORDER BY first_id, second_id
            LIMIT {limit}
            """).ToListAsync(cancellationToken);
        if (pairs.Count == 0)
        {
            return [];
        }

        var ids = pairs.SelectMany(p => new[] { p.FirstId, p.SecondId }).Distinct().ToList();
        var contacts = await db.Set<Contact>().Include(c => c.Company).Where(c => ids.Contains(c.Id)).AsNoTracking().ToListAsync(cancellationToken);
        var names = await users.NamesAsync(contacts.Select(c => c.OwnerId), cancellationToken);
        var byId = contacts.ToDictionary(c => c.Id, c => ContactService.ToDto(c, names).ForViewer(access));
        return [.. pairs.Where(p => byId.ContainsKey(p.FirstId) && byId.ContainsKey(p.SecondId))
            .Select(p => new DuplicatePair(byId[p.FirstId], byId[p.SecondId], p.Reason))];
    }

    /// <summary>A row of the raw SQL query (columns in snake_case, as the naming convention expects).</summary>
    internal sealed class PairRow
    {
        public Guid FirstId { get; set; }

        public Guid SecondId { get; set; }

        public string Reason { get; set; } = "";
    }
}
