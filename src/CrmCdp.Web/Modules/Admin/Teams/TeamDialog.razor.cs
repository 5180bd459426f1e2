using CrmCdp.Web.Modules.Admin.Users;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Admin.Teams;

public partial class TeamDialog
{
    private string? _name;
    private Guid? _lead;
    private IReadOnlyCollection<Guid> _members = [];
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;


    [Inject]
    private TeamService Service { get; set; } = default!;

    [Parameter]
    public TeamDto? Team { get; set; }

    [Parameter]
    public IReadOnlyList<UserDto> Users { get; set; } = [];

    protected override void OnInitialized()
    {
        if (Team is { } team)
        {
            (_name, _lead) = (team.Name, team.LeadUserId);
            _members = [.. team.Members.Select(m => m.Id)];
        }
    }

    private string? Error(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private async Task SaveAsync()
    {
        var input = new TeamInput { Name = _name, LeadUserId = _lead, MemberIds = [.. _members] };
        var result = await Service.SaveAsync(await AccessAsync(), Team?.Id, input);
        if (result.Value is { } saved)
        {
            Dialog.Close(DialogResult.Ok(saved));
        }
        else
        {
            _errors = result.Errors ?? new Dictionary<string, string[]>();
        }
    }
}
