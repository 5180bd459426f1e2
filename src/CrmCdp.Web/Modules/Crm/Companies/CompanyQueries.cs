using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Common.Records;
using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Platform.ContactPoints;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Companies;

internal sealed record CompanyFilter(
    string? Search = null, Guid? OwnerId = null, string? Industry = null, string? Tag = null, string? Domain = null,
    string? CustomFieldKey = null, System.Text.Json.JsonElement? CustomFieldValue = null);

internal enum CompanySort
{
    Updated,
    Created,
    Name,
}

internal sealed class CompanyQueries(IDbContextFactory<AppDbContext> dbFactory, UserDirectory users)
{
    public async Task<KeysetPage<CompanyDto>> ListAsync(
        AccessContext access, CompanyFilter filter, string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Filtered(db, access, filter);
        if (Guid.TryParse(cursor, out var after))
        {
            query = query.Where(c => c.Id.CompareTo(after) > 0);
        }

        var rows = await query.OrderBy(c => c.Id).Take(limit + 1).AsNoTracking().ToListAsync(cancellationToken);
        var page = rows.Take(limit).ToList();
        return new KeysetPage<CompanyDto>(await ToDtosAsync(db, access, page, cancellationToken), rows.Count > limit ? page[^1].Id.ToString() : null);
    }

    public async Task<OffsetPage<CompanyDto>> PageAsync(
        AccessContext access, CompanyFilter filter, CompanySort sort, bool descending, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Filtered(db, access, filter);
        var ordered = (sort, descending) switch
        {
            (CompanySort.Name, false) => query.OrderBy(c => c.Name).ThenBy(c => c.Id),
            (CompanySort.Name, true) => query.OrderByDescending(c => c.Name).ThenByDescending(c => c.Id),
            (CompanySort.Created, false) => query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
            (CompanySort.Created, true) => query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
            (CompanySort.Updated, false) => query.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id),
            _ => query.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id),
        };
        var rows = await ordered.Skip(page * pageSize).Take(pageSize).AsNoTracking().ToListAsync(cancellationToken);
        var counted = await query.Select(c => c.Id).Take(ListCount.Cap + 1).CountAsync(cancellationToken);
        return new OffsetPage<CompanyDto>(await ToDtosAsync(db, access, rows, cancellationToken), new ListCount(Math.Min(counted, ListCount.Cap), counted > ListCount.Cap, ListCount.Cap));
    }

    /// <summary>For pickers: visible companies whose name starts with or contains the text.</summary>
    public async Task<IReadOnlyList<CompanyOption>> SuggestAsync(AccessContext access, string? text, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Set<Company>().Within(access, P.CompaniesRead);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var pattern = SearchPatterns.Contains(text);
            query = query.Where(c => EF.Functions.ILike(c.Name, pattern, "\\") || (c.Domain != null && EF.Functions.ILike(c.Domain, pattern, "\\")));
        }

        return await query.OrderBy(c => c.Name).Take(20).Select(c => new CompanyOption(c.Id, c.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>The visible company with exactly this name (ignoring case), if any.</summary>
    public async Task<CompanyOption?> FindByNameAsync(AccessContext access, string name, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var exact = SearchPatterns.Contains(name)[1..^1];
        return await db.Set<Company>().Within(access, P.CompaniesRead)
            .Where(c => EF.Functions.ILike(c.Name, exact, "\\"))
            .OrderBy(c => c.CreatedAt).Select(c => new CompanyOption(c.Id, c.Name)).FirstOrDefaultAsync(cancellationToken);
    }

    private static IQueryable<Company> Filtered(AppDbContext db, AccessContext access, CompanyFilter filter)
    {
        var query = db.Set<Company>().Within(access, P.CompaniesRead);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = SearchPatterns.Contains(filter.Search);
            query = query.Where(c => EF.Functions.ILike(c.Name, pattern, "\\") || EF.Functions.ILike(c.Domain ?? "", pattern, "\\"));
        }

        if (filter.OwnerId is { } owner)
        {
            query = query.Where(c => c.OwnerId == owner);
        }

        if (!string.IsNullOrWhiteSpace(filter.Industry))
        {
            var industry = filter.Industry.Trim();
            query = query.Where(c => c.Industry == industry);
        }

        query = query.Tagged(filter.Tag).WithCustomField(filter.CustomFieldKey, filter.CustomFieldValue);

        if (ContactPointNormalizer.NormalizeDomain(filter.Domain) is { } domain)
        {
            query = query.Where(c => c.Domain == domain);
        }

        return query;
    }

    private async Task<IReadOnlyList<CompanyDto>> ToDtosAsync(AppDbContext db, AccessContext access, List<Company> companies, CancellationToken cancellationToken)
    {
        var ids = companies.Select(c => c.Id).ToList();
        var counts = await db.Set<Contact>().Within(access, P.ContactsRead).Where(c => c.CompanyId != null && ids.Contains(c.CompanyId.Value))
            .GroupBy(c => c.CompanyId!.Value).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var names = await users.NamesAsync(companies.Select(c => c.OwnerId), cancellationToken);
        return [.. companies.Select(c => CompanyService.ToDto(c, names, counts.GetValueOrDefault(c.Id)))];
    }
}

public sealed record CompanyOption(Guid Id, string Name);
