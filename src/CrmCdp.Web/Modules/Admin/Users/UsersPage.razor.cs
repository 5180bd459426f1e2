using CrmCdp.Web.Modules.Admin.Teams;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Admin.Users;

public partial class UsersPage
{
    private IReadOnlyList<UserDto>? _users;
    private IReadOnlyList<TeamDto> _teams = [];
    private string? _filter;

    [Inject]
    private UserService Users { get; set; } = default!;

    [Inject]
    private TeamService Teams { get; set; } = default!;

    private IEnumerable<UserDto> VisibleUsers => (_users ?? []).Where(u => string.IsNullOrWhiteSpace(_filter)
        || u.DisplayName.Contains(_filter, StringComparison.OrdinalIgnoreCase) || u.Email.Contains(_filter, StringComparison.OrdinalIgnoreCase));

    protected override Task OnInitializedAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        _users = await Users.ListAsync(await AccessAsync());
        _teams = await Teams.ListAsync(await AccessAsync());
    }

    private async Task CreateUserAsync()
    {
        var dialog = await Dialogs.ShowAsync<UserDialog>("New user", new DialogParameters<UserDialog> { { d => d.Teams, _teams } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            await ReloadAsync();
        }
    }

    private async Task EditUserAsync(UserDto user)
    {
        var dialog = await Dialogs.ShowAsync<UserDialog>(user.DisplayName, new DialogParameters<UserDialog> { { d => d.UserId, user.Id }, { d => d.Teams, _teams } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        await dialog.Result;
        await ReloadAsync();
    }

    private async Task EditTeamAsync(TeamDto? team)
    {
        var dialog = await Dialogs.ShowAsync<TeamDialog>(team is null ? "New team" : $"Team {team.Name}",
            new DialogParameters<TeamDialog> { { d => d.Team, team }, { d => d.Users, _users ?? [] } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            await ReloadAsync();
        }
    }

    private async Task DeleteTeamAsync(TeamDto team)
    {
        if (await Dialogs.ShowMessageBoxAsync("Delete team?", $"Delete {team.Name}? Its members stay; managers lose sight of the team's records.",
                yesText: "Delete", cancelText: "Cancel") == true)
        {
            await Teams.DeleteAsync(await AccessAsync(), team.Id);
            Snackbar.Add($"Team {team.Name} deleted.", Severity.Success);
            await ReloadAsync();
        }
    }
}
