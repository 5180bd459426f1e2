using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Emails;

/// <summary>Mail from addresses no contact has, each one click from becoming a contact.</summary>
public partial class UnknownSendersPage
{
    private IReadOnlyList<UnknownSenderEmailDto>? _emails;
    private bool _busy;

    [Inject]
    private UnknownSenders Senders { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _emails = await Senders.ListAsync(await AccessAsync());

    private async Task MakeContactAsync(UnknownSenderEmailDto email)
    {
        _busy = true;
        try
        {
            var result = await Senders.MakeContactAsync(await AccessAsync(), email.Id);
            if (result.Value is { } contact)
            {
                Snackbar.Add($"{email.FromAddress} is now a contact; their mail is on its timeline.", Severity.Success);
                Navigation.NavigateTo($"/crm/contacts/{contact.Id}");
                return;
            }

            Snackbar.Add(result.Message ?? string.Join(" ", result.Errors?.Values.SelectMany(m => m) ?? ["The contact could not be made."]), Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }
}
