using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Common.Records;
using CrmCdp.Web.Modules.Crm.Companies;
using CrmCdp.Web.Platform.ContactPoints;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Contacts;

/// <summary>Filters of the contacts list, shared by the page, the API and exports.</summary>
internal sealed record ContactFilter(
    string? Search = null,
    Guid? OwnerId = null,
    Guid? CompanyId = null,
    LifecycleStage? LifecycleStage = null,
    string? Tag = null,
    string? Email = null,
    string? CustomFieldKey = null,
    System.Text.Json.JsonElement? CustomFieldValue = null,
    string? LeadSource = null,
    string? JobTitle = null,
    bool? EmailConsent = null,
    DateTimeOffset? CreatedAfter = null,
    DateTimeOffset? CreatedBefore = null);

internal enum ContactSort
{
    Updated,
    Created,
    Name,
    LifecycleStage,
}

internal sealed class ContactQueries(IDbContextFactory<AppDbContext> dbFactory, UserDirectory users)
{
    private const int MaxCompanyMatches = 200;

    /// <summary>API listing: ordered by id (time-ordered UUIDv7), so a cursor is the last id seen.</summary>
    public async Task<KeysetPage<ContactDto>> ListAsync(
        AccessContext access, ContactFilter filter, string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = await FilteredAsync(db, access, filter, cancellationToken);
        if (Guid.TryParse(cursor, out var after))
        {
            query = query.Where(c => c.Id.CompareTo(after) > 0);
        }

        var rows = await query.OrderBy(c => c.Id).Take(limit + 1).Include(c => c.Company).AsNoTracking().ToListAsync(cancellationToken);
        var page = rows.Take(limit).ToList();
        return new KeysetPage<ContactDto>(await ToDtosAsync(access, page, cancellationToken), rows.Count > limit ? page[^1].Id.ToString() : null);
    }

    /// <summary>UI listing: one sorted page, with a count capped so large tables stay fast.</summary>
    public async Task<OffsetPage<ContactDto>> PageAsync(
        AccessContext access, ContactFilter filter, ContactSort sort, bool descending, int page, int pageSize,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = await FilteredAsync(db, access, filter, cancellationToken);
        var ordered = (sort, descending) switch
        {
            (ContactSort.Name, false) => query.OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.Id),
            (ContactSort.Name, true) => query.OrderByDescending(c => c.LastName).ThenByDescending(c => c.FirstName).ThenByDescending(c => c.Id),
            (ContactSort.Created, false) => query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
            (ContactSort.Created, true) => query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
            (ContactSort.LifecycleStage, false) => query.OrderBy(c => c.LifecycleStage).ThenByDescending(c => c.UpdatedAt),
            (ContactSort.LifecycleStage, true) => query.OrderByDescending(c => c.LifecycleStage).ThenByDescending(c => c.UpdatedAt),
            (ContactSort.Updated, false) => query.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id),
            _ => query.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id),
        };
        var rows = await ordered.Skip(page * pageSize).Take(pageSize).Include(c => c.Company).AsNoTracking().ToListAsync(cancellationToken);
        // Searches are counted only up to a lower cap: "more than 1,000 matches" is as useful as the exact number.
        var cap = string.IsNullOrWhiteSpace(filter.Search) ? ListCount.Cap : ListCount.SearchCap;
        var counted = await query.Select(c => c.Id).Take(cap + 1).CountAsync(cancellationToken);
        return new OffsetPage<ContactDto>(await ToDtosAsync(access, rows, cancellationToken), new ListCount(Math.Min(counted, cap), counted > cap, cap));
    }

    /// <summary>
    /// The id of a contact holding this normalized email, within the permission's scope. The lookup is
    /// by the emails GIN index alone and the scope is checked on the few rows found: combined in SQL,
    /// the planner prefers walking the owner's index, which grows with every contact the owner has.
    /// </summary>
    public async Task<Guid?> FindIdByEmailAsync(AccessContext access, string permission, string email, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var holders = await db.Set<Contact>().Where(c => c.Emails.Contains(email))
            .Select(c => new { c.Id, c.OwnerId }).Take(20).ToListAsync(cancellationToken);
        return holders.Where(h => access.Allows(permission, h.OwnerId)).Select(h => (Guid?)h.Id).FirstOrDefault();
    }

    /// <summary>For pickers: the best few matches, named as the caller may see them.</summary>
    public async Task<IReadOnlyList<ContactOption>> SuggestAsync(AccessContext access, string? text, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(text) ? [] : [.. (await SearchAsync(access, text, 10, cancellationToken)).Select(ContactOption.Of)];

    /// <summary>The best few matches for a search box, without counting.</summary>
    public async Task<IReadOnlyList<ContactDto>> SearchAsync(AccessContext access, string text, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (await FilteredAsync(db, access, new ContactFilter(Search: text), cancellationToken))
            .OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id).Take(limit)
            .Include(c => c.Company).AsNoTracking().ToListAsync(cancellationToken);
        return await ToDtosAsync(access, rows, cancellationToken);
    }

    /// <summary>Contacts holding any of these normalized emails or phones (for duplicate warnings).</summary>
    public async Task<IReadOnlyList<ContactDto>> MatchingAsync(
        AccessContext access, IReadOnlyCollection<string> emails, IReadOnlyCollection<string> phones, Guid? except, CancellationToken cancellationToken = default)
    {
        if (emails.Count == 0 && phones.Count == 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var emailList = emails.ToList();
        var phoneList = phones.ToList();
        var rows = await db.Set<Contact>().Within(access, P.ContactsRead)
            .Where(c => c.Id != except && (c.Emails.Any(e => emailList.Contains(e)) || c.Phones.Any(p => phoneList.Contains(p))))
            .Include(c => c.Company).AsNoTracking().Take(5).ToListAsync(cancellationToken);
        return await ToDtosAsync(access, rows, cancellationToken);
    }

    private static async Task<IQueryable<Contact>> FilteredAsync(AppDbContext db, AccessContext access, ContactFilter filter, CancellationToken cancellationToken)
    {
        var query = db.Set<Contact>().Within(access, P.ContactsRead);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // Matching companies are looked up first, so the contacts query is a plain OR of indexed
            // conditions (trigram GIN + company_id btree) that PostgreSQL can combine in a bitmap.
            var pattern = SearchPatterns.Contains(filter.Search);
            var digits = SearchPatterns.PhoneDigits(filter.Search);
            var digitsPattern = digits is null ? null : SearchPatterns.Contains(digits);
            var companyIds = await db.Set<Company>().Within(access, P.CompaniesRead)
                .Where(co => EF.Functions.ILike(co.Name, pattern, "\\")).Select(co => (Guid?)co.Id).Take(MaxCompanyMatches).ToListAsync(cancellationToken);
            query = (digitsPattern, companyIds.Count) switch
            {
                (null, 0) => query.Where(c => EF.Functions.ILike(c.SearchText, pattern, "\\")),
                (null, _) => query.Where(c => EF.Functions.ILike(c.SearchText, pattern, "\\") || companyIds.Contains(c.CompanyId)),
                (_, 0) => query.Where(c => EF.Functions.ILike(c.SearchText, pattern, "\\") || EF.Functions.ILike(c.SearchText, digitsPattern, "\\")),
                _ => query.Where(c => EF.Functions.ILike(c.SearchText, pattern, "\\") || EF.Functions.ILike(c.SearchText, digitsPattern, "\\")
                    || companyIds.Contains(c.CompanyId)),
            };
        }

        if (filter.OwnerId is { } owner)
        {
            query = query.Where(c => c.OwnerId == owner);
        }

        if (filter.CompanyId is { } company)
        {
            query = query.Where(c => c.CompanyId == company);
        }

        if (filter.LifecycleStage is { } stage)
        {
            query = query.Where(c => c.LifecycleStage == stage);
        }

        query = query.Tagged(filter.Tag).WithCustomField(filter.CustomFieldKey, filter.CustomFieldValue);

        if (!string.IsNullOrWhiteSpace(filter.LeadSource))
        {
            var source = filter.LeadSource.Trim();
            query = query.Where(c => c.LeadSource == source);
        }

        if (!string.IsNullOrWhiteSpace(filter.JobTitle))
        {
            var title = SearchPatterns.Contains(filter.JobTitle);
            query = query.Where(c => c.JobTitle != null && EF.Functions.ILike(c.JobTitle, title, "\\"));
        }

        if (filter.EmailConsent is { } consent)
        {
            query = query.Where(c => c.EmailConsent == consent);
        }

        if (filter.CreatedAfter is { } after)
        {
            query = query.Where(c => c.CreatedAt >= after);
        }

        if (filter.CreatedBefore is { } before)
        {
            query = query.Where(c => c.CreatedAt < before);
        }

        if (ContactPointNormalizer.NormalizeEmail(filter.Email) is { } email)
        {
            query = query.Where(c => c.Emails.Contains(email));
        }

        return query;
    }

    private async Task<IReadOnlyList<ContactDto>> ToDtosAsync(AccessContext access, List<Contact> contacts, CancellationToken cancellationToken)
    {
        var names = await users.NamesAsync(contacts.Select(c => c.OwnerId), cancellationToken);
        return [.. contacts.Select(c => ContactService.ToDto(c, names).ForViewer(access))];
    }
}

/// <summary>A contact in a picker: its id and how to show it.</summary>
public sealed record ContactOption(Guid Id, string Name, string? Email)
{
    internal static ContactOption Of(ContactDto contact) => new(contact.Id, contact.FullName.Length > 0 ? contact.FullName : contact.Email ?? "(no name)", contact.Email);

    public override string ToString() => Email is null || Name == Email ? Name : $"{Name} <{Email}>";
}
