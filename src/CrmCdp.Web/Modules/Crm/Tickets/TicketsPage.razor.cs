using CrmCdp.Web.Modules.Crm.Views;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Tickets;

public partial class TicketsPage
{
    private const int QueueLimit = 200;
    private static readonly string[] Queues = TicketQueueQuery.Queues;

    private IReadOnlyList<TicketDto> _tickets = [];
    private bool _loading = true;
    private DateTimeOffset _now;
    private int _tab;
    private string? _status;
    private string? _priority;
    private string? _search;
    private string _sort = "due";

    [Inject]
    private TicketService Tickets { get; set; } = default!;

    [Inject]
    private TicketQueue Queue { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override string ListName => "tickets";

    protected override ListColumns Columns { get; } = new(
        ["Requester", "Priority", "Status", "Assignee", "SLA", "Created", "Updated"],
        ["Requester", "Priority", "Status", "Assignee", "SLA"]);

    private protected override Task OnListInitializedAsync(AccessContext access) => ReloadAsync();

    protected override async Task ReloadAsync()
    {
        _loading = true;
        _now = Time.GetUtcNow();
        _tickets = await Queue.ListAsync(await AccessAsync(), new TicketQueueQuery(Queues[_tab], _status, _priority, _search, _sort), QueueLimit);
        CountText = _tickets.Count == QueueLimit ? $"first {QueueLimit} tickets" : $"{_tickets.Count} ticket{(_tickets.Count == 1 ? "" : "s")}";
        _loading = false;
    }

    protected override ListViewState CaptureFilters() => new() { Queue = Queues[_tab], Status = _status, Priority = _priority, Search = _search, Sort = _sort };

    protected override void RestoreFilters(ListViewState state)
    {
        _tab = Math.Max(0, Array.IndexOf(Queues, state.Queue));
        (_status, _priority, _search) = (state.Status, state.Priority, state.Search);
        _sort = state.Sort ?? "due";
    }

    private async Task AssignToMeAsync() => await AssignAsync((await AccessAsync()).UserId);

    private Task AssignAsync(Guid assignee) => AssignAsync((Guid?)assignee);

    private async Task AssignAsync(Guid? assignee)
    {
        var result = await Tickets.AssignAsync(await AccessAsync(), [.. Selected.Select(t => t.Id)], assignee);
        await AfterBulkAsync(result, "tickets");
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<NewTicketDialog>("New ticket", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: TicketDto created })
        {
            Open($"/crm/tickets/{created.Id}");
        }
    }
}
