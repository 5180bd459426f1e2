using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Admin.Roles;

public partial class NewRoleDialog
{
    private string? _name;
    private string? _description;
    private RoleDto? _copyFrom;
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;


    [Inject]
    private RoleService Service { get; set; } = default!;

    [Parameter]
    public IReadOnlyList<RoleDto> Roles { get; set; } = [];

    private string? Error(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private async Task SaveAsync()
    {
        var input = new RoleInput { Name = _name, Description = _description, Permissions = _copyFrom is null ? [] : new Dictionary<string, string>(_copyFrom.Permissions) };
        var result = await Service.CreateAsync(await AccessAsync(), input);
        if (result.Value is { } created)
        {
            Dialog.Close(DialogResult.Ok(created));
        }
        else
        {
            _errors = result.Errors ?? new Dictionary<string, string[]>();
        }
    }
}
