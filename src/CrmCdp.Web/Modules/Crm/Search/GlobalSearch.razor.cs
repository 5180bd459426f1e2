using CrmCdp.Web.Modules.Crm.Companies;
using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Modules.Crm.Pipeline;
using CrmCdp.Web.Modules.Crm.Tickets;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Search;

/// <summary>The app bar's search: contacts, companies, deals and tickets the caller may see, grouped by kind.</summary>
public partial class GlobalSearch
{
    private const int PerGroup = 4;
    private MudAutocomplete<SearchHit>? _box;
    private SearchHit? _selected;

    [Inject]
    private ContactQueries Contacts { get; set; } = default!;

    [Inject]
    private CompanyQueries Companies { get; set; } = default!;

    [Inject]
    private DealSearch Deals { get; set; } = default!;

    [Inject]
    private TicketQueue Tickets { get; set; } = default!;

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
            Group(hits, "Contacts", (await Contacts.SearchAsync(access, text, PerGroup, cancellationToken)).Select(c => new SearchHit(
                Icons.Material.Filled.Person, c.FullName.Length > 0 ? c.FullName : c.Email ?? "(no name)",
                string.Join(" · ", new[] { c.Email, c.Phones.Count > 0 ? c.Phones[0] : null, c.CompanyName }.Where(s => !string.IsNullOrEmpty(s))),
                $"/crm/contacts/{c.Id}")));
        }

        if (access.Has(Permissions.Crm.CompaniesRead))
        {
            Group(hits, "Companies", (await Companies.SuggestAsync(access, text, cancellationToken)).Take(PerGroup)
                .Select(c => new SearchHit(Icons.Material.Filled.Business, c.Name, "Company", $"/crm/companies/{c.Id}")));
        }

        Group(hits, "Deals", (await Deals.FindAsync(access, text, PerGroup, cancellationToken)).Select(d => new SearchHit(
            Icons.Material.Filled.Handshake, d.Name, $"{DealBoardPage.Money(d.Amount, d.Currency)}{(d.Open ? "" : " · closed")}", $"/crm/deals/{d.Id}")));

        if (access.Has(Permissions.Crm.TicketsRead))
        {
            Group(hits, "Tickets", (await Tickets.ListAsync(access, new TicketQueueQuery(Search: text, Sort: "updated"), PerGroup, cancellationToken)).Select(t => new SearchHit(
                Icons.Material.Filled.SupportAgent, $"#{t.Number} {t.Subject}", TicketUi.Label(t.Status), $"/crm/tickets/{t.Id}")));
        }

        return hits;
    }

    /// <summary>Adds a kind's hits under its heading (a heading that cannot be chosen); nothing when it has none.</summary>
    private static void Group(List<SearchHit> hits, string heading, IEnumerable<SearchHit> found)
    {
        var list = found.ToList();
        if (list.Count > 0)
        {
            hits.Add(new SearchHit("", heading, "", null));
            hits.AddRange(list);
        }
    }

    private Task OpenAsync(SearchHit? hit)
    {
        if (hit?.Href is { } href)
        {
            Navigation.NavigateTo(href);
        }

        _selected = null;
        return _box?.ClearAsync() ?? Task.CompletedTask;
    }

    private sealed record SearchHit(string Icon, string Title, string Subtitle, string? Href);
}
