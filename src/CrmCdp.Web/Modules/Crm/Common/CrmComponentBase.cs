using CrmCdp.Web.Platform.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CrmCdp.Web.Modules.Crm.Common;

/// <summary>A CRM page or dialog: knows who is acting and with which record scopes.</summary>
public abstract class CrmComponentBase : ComponentBase
{
    private AccessContext? _access;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private AccessContextFactory AccessFactory { get; set; } = default!;

    /// <summary>Resolved once per component: permissions change rarely, and every service call re-checks scope in its query.</summary>
    internal async Task<AccessContext> AccessAsync() =>
        _access ??= await AccessFactory.CreateAsync((await AuthenticationState).User);
}
