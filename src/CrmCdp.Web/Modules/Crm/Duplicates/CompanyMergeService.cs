using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Common.Records;
using CrmCdp.Web.Modules.Crm.Companies;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Duplicates;

public sealed record CompanyDuplicatePair(CompanyDto First, CompanyDto Second, string Reason);

/// <summary>Finds likely duplicate companies and merges two (see <see cref="CompanyMergeRules"/>).</summary>
internal sealed class CompanyMergeService(IDbContextFactory<AppDbContext> dbFactory, CompanyService companies, UserDirectory users, RecordMerger merger)
{
    public async Task<IReadOnlyList<CompanyDuplicatePair>> FindAsync(AccessContext access, int limit = 50, CancellationToken cancellationToken = default)
    {
        var scope = access.ScopeOf(P.CompaniesRead);
        if (scope == RecordScope.None)
        {
            return [];
        }

        var allOwners = scope == RecordScope.All;
        var owners = scope == RecordScope.Team ? access.TeamMemberIds.ToArray() : access.UserId is { } me ? [me] : [];
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pairs = await db.Database.SqlQuery<DuplicateFinder.PairRow>($"""
            WITH visible AS (
                SELECT id, domain, lower(name) AS name FROM crm_companies
                WHERE deleted_at IS NULL AND ({allOwners} OR owner_id = ANY({owners}))
            )
            SELECT DISTINCT ON (a.id, b.id) a.id AS first_id, b.id AS second_id,
                   CASE WHEN a.domain = b.domain THEN 'same domain' ELSE 'very similar name' END AS reason
            FROM visible a JOIN visible b ON a.id < b.id
            WHERE a.domain = b.domain OR (length(a.name) > 3 AND similarity(a.name, b.name) > 0.8)
            ORDER BY a.id, b.id
            LIMIT {limit}
            """).ToListAsync(cancellationToken);
        var ids = pairs.SelectMany(p => new[] { p.FirstId, p.SecondId }).Distinct().ToList();
        var rows = await db.Set<Company>().Where(c => ids.Contains(c.Id)).AsNoTracking().ToListAsync(cancellationToken);
        var names = await users.NamesAsync(rows.Select(c => c.OwnerId), cancellationToken);
        var byId = rows.ToDictionary(c => c.Id, c => CompanyService.ToDto(c, names, 0));
        return [.. pairs.Where(p => byId.ContainsKey(p.FirstId) && byId.ContainsKey(p.SecondId))
            .Select(p => new CompanyDuplicatePair(byId[p.FirstId], byId[p.SecondId], p.Reason))];
    }

    public async Task<OperationResult<CompanyDto>> MergeAsync(AccessContext access, MergeRequest request, CancellationToken cancellationToken = default)
    {
        var merged = await merger.MergeAsync(access, CrmRecordKinds.Companies, new CompanyMergeRules(), request, cancellationToken);
        return merged.Value is { } survivor && survivor != Guid.Empty ? await companies.GetAsync(access, survivor, cancellationToken) : merged.As<CompanyDto>();
    }
}
