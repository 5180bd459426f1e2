using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Admin.Roles;

public partial class RolesPage
{
    private static readonly string[] Scopes = ["none", "own", "team", "all"];

    private IReadOnlyList<RoleDto> _roles = [];
    private RoleDto? _selected;
    private Dictionary<string, string> _grants = [];
    private string? _description;
    private bool _requireTwoFactor;
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private bool _saving;

    [Inject]
    private RoleService Roles { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _roles = await Roles.ListAsync(await AccessAsync());
        if (_roles.Count > 0)
        {
            Load(_roles[0]);
        }
    }

    private static string Capitalized(string text) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(text);

    private string ScopeOf(string permission) => _grants.GetValueOrDefault(permission, "none");

    private void Load(RoleDto role)
    {
        _selected = role;
        _description = role.Description;
        _requireTwoFactor = role.RequireTwoFactor;
        _grants = new Dictionary<string, string>(role.Permissions);
        _errors = new Dictionary<string, string[]>();
    }

    private Task SelectAsync(RoleDto? role)
    {
        if (role is not null)
        {
            Load(role);
        }

        return Task.CompletedTask;
    }

    private async Task SaveAsync()
    {
        if (_selected is not { } role)
        {
            return;
        }

        _saving = true;
        try
        {
            var input = new RoleInput { Name = role.Name, Description = _description, Permissions = _grants, RequireTwoFactor = _requireTwoFactor };
            var result = await Roles.UpdateAsync(await AccessAsync(), role.Id, input);
            if (result.Value is { } saved)
            {
                _roles = await Roles.ListAsync(await AccessAsync());
                Load(_roles.First(r => r.Id == saved.Id));
                Snackbar.Add($"Permissions of {saved.Name} saved; they apply from its users' next action.", Severity.Success);
            }
            else
            {
                _errors = result.Errors ?? new Dictionary<string, string[]> { ["role"] = [result.Message ?? "The role could not be saved."] };
            }
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<NewRoleDialog>("New role", new DialogParameters<NewRoleDialog> { { d => d.Roles, _roles } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: RoleDto created })
        {
            _roles = await Roles.ListAsync(await AccessAsync());
            Load(_roles.First(r => r.Id == created.Id));
            Snackbar.Add($"Role {created.Name} created.", Severity.Success);
        }
    }

    private async Task DeleteAsync()
    {
        if (_selected is not { } role)
        {
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete role?", $"Delete the role {role.Name}? This cannot be undone.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        var result = await Roles.DeleteAsync(await AccessAsync(), role.Id);
        if (result.Outcome == OperationOutcome.Ok)
        {
            Snackbar.Add($"Role {role.Name} deleted.", Severity.Success);
            _roles = await Roles.ListAsync(await AccessAsync());
            _selected = null;
        }
        else
        {
            Snackbar.Add(result.Message ?? "The role could not be deleted.", Severity.Error);
        }
    }
}
