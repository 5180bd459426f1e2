using CrmCdp.Web.Modules.Crm.Activities;
using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Companies;
using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Modules.Crm.Tasks;
using CrmCdp.Web.Modules.Crm.Timeline;
using CrmCdp.Web.Platform.Auth;
using CrmCdp.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Duplicates;

public sealed record CompanyDuplicatePair(CompanyDto First, CompanyDto Second, string Reason);

/// <summary>Finds likely duplicate companies and merges two in one transaction, moving their people, activities and tasks.</summary>
internal sealed class CompanyMergeService(IDbContextFactory<AppDbContext> dbFactory, CompanyService companies, UserDirectory users, TimeProvider timeProvider)
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
        if (request.SurvivorId == request.MergedId)
        {
            return OperationResult<CompanyDto>.Invalid("mergedId", "Choose two different companies.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var pair = await db.Set<Company>().Where(c => c.Id == request.SurvivorId || c.Id == request.MergedId).ToListAsync(cancellationToken);
        var survivor = pair.SingleOrDefault(c => c.Id == request.SurvivorId);
        var merged = pair.SingleOrDefault(c => c.Id == request.MergedId);
        if (survivor is null || merged is null || !access.Allows(P.CompaniesRead, survivor.OwnerId) || !access.Allows(P.CompaniesRead, merged.OwnerId))
        {
            return OperationResult<CompanyDto>.NotFound();
        }

        if (!access.Allows(P.CompaniesEdit, survivor.OwnerId) || !access.Allows(P.CompaniesDelete, merged.OwnerId))
        {
            return OperationResult<CompanyDto>.Forbidden("Merging needs the right to edit the kept company and to delete the other one.");
        }

        var take = (request.TakeFromMerged ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (take.Contains("name")) survivor.Name = merged.Name;
        if (take.Contains("domain") || survivor.Domain is null) survivor.Domain = merged.Domain ?? survivor.Domain;
        if (take.Contains("industry") || survivor.Industry is null) survivor.Industry = merged.Industry ?? survivor.Industry;
        if (take.Contains("employees") || survivor.Employees is null) survivor.Employees = merged.Employees ?? survivor.Employees;
        if (take.Contains("phone") || survivor.Phone is null) survivor.Phone = merged.Phone ?? survivor.Phone;
        if (take.Contains("ownerId")) survivor.OwnerId = merged.OwnerId;
        survivor.Tags = [.. survivor.Tags.Concat(merged.Tags).Distinct(StringComparer.OrdinalIgnoreCase)];
        var notes = string.Join("\n\n", new[] { survivor.Notes, merged.Notes }.Where(n => !string.IsNullOrWhiteSpace(n)));
        survivor.Notes = notes.Length <= 10_000 ? notes : notes[..10_000];
        var now = timeProvider.GetUtcNow();
        survivor.UpdatedAt = now;
        merged.DeletedAt = now;

        await db.Set<Contact>().IgnoreQueryFilters().Where(c => c.CompanyId == merged.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.CompanyId, survivor.Id), cancellationToken);
        await db.Set<Activity>().IgnoreQueryFilters().Where(a => a.CompanyId == merged.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.CompanyId, survivor.Id), cancellationToken);
        await db.Set<CrmTask>().IgnoreQueryFilters().Where(t => t.CompanyId == merged.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.CompanyId, survivor.Id), cancellationToken);
        await db.Set<RecordChange>().Where(c => c.RecordType == CrmRecordType.Company && c.RecordId == merged.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.RecordId, survivor.Id), cancellationToken);
        await db.Set<RecentView>().Where(v => v.RecordType == CrmRecordType.Company && v.RecordId == merged.Id).ExecuteDeleteAsync(cancellationToken);
        db.Add(new RecordChange
        {
            RecordType = CrmRecordType.Company,
            RecordId = survivor.Id,
            UserId = access.UserId,
            ChangedAt = now,
            Field = "merged",
            OldValue = merged.Id.ToString(),
            NewValue = $"{merged.Name}{(merged.Domain is null ? "" : $" ({merged.Domain})")}",
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return OperationResult<CompanyDto>.Conflict("One of the companies changed while merging. Reload and try again.");
        }

        await transaction.CommitAsync(cancellationToken);
        return await companies.GetAsync(access, survivor.Id, cancellationToken);
    }
}
