using CrmCdp.Web.Modules.Crm.Activities;
using CrmCdp.Web.Modules.Crm.Common.Records;
using CrmCdp.Web.Modules.Crm.Companies;
using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Modules.Crm.Tasks;
using CrmCdp.Web.Modules.Crm.Timeline;

namespace CrmCdp.Web.Modules.Crm.Duplicates;

/// <summary>
/// Merging companies: name and ownerId may be taken from the merged company; domain, industry, employees and phone are
/// taken when chosen or when the survivor has none; tags and notes are combined; people, activities and tasks move.
/// </summary>
internal sealed class CompanyMergeRules : IMergeRules<Company>
{
    public IQueryable<Company> Load(AppDbContext db) => db.Set<Company>();

    public Task<IReadOnlyList<FieldChange>> CombineAsync(Company survivor, Company merged, IReadOnlySet<string> take, CancellationToken cancellationToken)
    {
        if (take.Contains("name")) survivor.Name = merged.Name;
        if (take.Contains("domain") || survivor.Domain is null) survivor.Domain = merged.Domain ?? survivor.Domain;
        if (take.Contains("industry") || survivor.Industry is null) survivor.Industry = merged.Industry ?? survivor.Industry;
        if (take.Contains("employees") || survivor.Employees is null) survivor.Employees = merged.Employees ?? survivor.Employees;
        if (take.Contains("phone") || survivor.Phone is null) survivor.Phone = merged.Phone ?? survivor.Phone;
        if (take.Contains("ownerId")) survivor.OwnerId = merged.OwnerId;
        survivor.Tags = [.. survivor.Tags.Concat(merged.Tags).Distinct(StringComparer.OrdinalIgnoreCase)];
        var notes = string.Join("\n\n", new[] { survivor.Notes, merged.Notes }.Where(n => !string.IsNullOrWhiteSpace(n)));
        survivor.Notes = notes.Length <= 10_000 ? notes : notes[..10_000];
        return Task.FromResult<IReadOnlyList<FieldChange>>([]);
    }

    public async Task MoveRelatedAsync(AppDbContext db, Guid survivorId, Guid mergedId, CancellationToken cancellationToken)
    {
        await db.Set<Contact>().IgnoreQueryFilters().Where(c => c.CompanyId == mergedId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.CompanyId, survivorId), cancellationToken);
        await db.Set<Activity>().IgnoreQueryFilters().Where(a => a.CompanyId == mergedId)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.CompanyId, survivorId), cancellationToken);
        await db.Set<CrmTask>().IgnoreQueryFilters().Where(t => t.CompanyId == mergedId)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.CompanyId, survivorId), cancellationToken);
    }

    public string Describe(Company merged) => $"{merged.Name}{(merged.Domain is null ? "" : $" ({merged.Domain})")}";
}
