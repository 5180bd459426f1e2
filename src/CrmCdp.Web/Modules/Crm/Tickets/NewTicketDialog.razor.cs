using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Tickets;

public partial class NewTicketDialog
{
    private readonly TicketInput _input = new() { Priority = "normal", Channel = "web" };
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private TicketService Tickets { get; set; } = default!;

    private string? Error(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private async Task SaveAsync()
    {
        var result = await Tickets.CreateAsync(await AccessAsync(), _input);
        _errors = result.Errors ?? new Dictionary<string, string[]>();
        if (result.Value is { } created)
        {
            Dialog.Close(DialogResult.Ok(created));
        }
    }
}
