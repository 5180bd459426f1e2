using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Search;

public partial class GlobalSearch
{
    private MudAutocomplete<SearchHit>? _box;
    private SearchHit? _selected;

    private async Task<IEnumerable<SearchHit>> SearchAsync(string? text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length < 2)
        {
            return [];
        }

        var access = await AccessAsync();
        var hits = new List<SearchHit>();
        if (access.Has(Permissions.Crm.ContactsRead))
        {
            hits.AddRange((await Contacts.SearchAsync(access, text, 6, cancellationToken)).Select(c => new SearchHit(
                true, c.Id, c.FullName.Length > 0 ? c.FullName : c.Email ?? "(no name)",
                string.Join(" · ", new[] { c.Email, c.Phones.Count > 0 ? c.Phones[0] : null, c.CompanyName }.Where(s => !string.IsNullOrEmpty(s))))));
        }

        if (access.Has(Permissions.Crm.CompaniesRead))
        {
            hits.AddRange((await Companies.SuggestAsync(access, text, cancellationToken)).Take(4)
                .Select(c => new SearchHit(false, c.Id, c.Name, "Company")));
        }

        return hits;
    }

    private Task OpenAsync(SearchHit? hit)
    {
        if (hit is not null)
        {
            Navigation.NavigateTo(hit.IsContact ? $"/crm/contacts/{hit.Id}" : $"/crm/companies/{hit.Id}");
        }

        _selected = null;
        return _box?.ClearAsync() ?? Task.CompletedTask;
    }

    private sealed record SearchHit(bool IsContact, Guid Id, string Title, string Subtitle);
}
