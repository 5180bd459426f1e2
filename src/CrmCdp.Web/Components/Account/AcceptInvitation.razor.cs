using CrmCdp.Web.Platform.Auth.Accounts;
using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Components.Account;

public partial class AcceptInvitation
{
    private bool _valid;

    [Inject]
    private AccountRecovery Recovery { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "user")]
    private Guid UserId { get; set; }

    [SupplyParameterFromQuery]
    private string? Token { get; set; }

    protected override async Task OnInitializedAsync() => _valid = await Recovery.IsInvitationValidAsync(UserId, Token);
}
