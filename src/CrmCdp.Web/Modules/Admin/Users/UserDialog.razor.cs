using CrmCdp.Web.Modules.Admin.Roles;
using CrmCdp.Web.Modules.Admin.Teams;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Admin.Users;

public partial class UserDialog
{
    private IReadOnlyList<RoleDto> _allRoles = [];
    private UserDto? _user;
    private string? _email;
    private string? _displayName;
    private string? _password;
    private IReadOnlyCollection<string> _roles = [];
    private IReadOnlyCollection<Guid> _teamIds = [];
    private bool _away;
    private bool _saving;
    private const string InviteNameField = "name";
    private const string DisplayNameField = "displayName";
    private bool _invite;
    private string? _emailProblem;
    private string? _temporaryPassword;
    private string? _message;
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private UserService Users { get; set; } = default!;

    [Inject]
    private RoleService Roles { get; set; } = default!;

    [Inject]
    private UserInvitations Invitations { get; set; } = default!;

    [Inject]
    private Platform.Email.EmailSettingsService EmailSettings { get; set; } = default!;

    /// <summary>The user to edit; null to create one.</summary>
    [Parameter]
    public Guid? UserId { get; set; }

    [Parameter]
    public IReadOnlyList<TeamDto> Teams { get; set; } = [];

    protected override async Task OnInitializedAsync()
    {
        _allRoles = await Roles.ListAsync(await AccessAsync());
        _emailProblem = (await EmailSettings.ResolveAsync()).Problem;
        // Inviting is the better way whenever email can go out: nobody handles the password but its owner.
        _invite = UserId is null && _emailProblem is null;
        if (UserId is { } id && (await Users.GetAsync(await AccessAsync(), id)).Value is { } user)
        {
            Show(user);
        }
    }

    private void Show(UserDto user)
    {
        _user = user;
        (_email, _displayName, _away) = (user.Email, user.DisplayName, user.Away);
        _roles = [.. user.Roles];
        _teamIds = [.. user.Teams.Select(t => t.Id)];
    }

    private string? Error(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private UserInput Input() => new()
    {
        Email = _email,
        DisplayName = _displayName,
        Password = _password,
        Roles = [.. _roles],
        TeamIds = [.. _teamIds],
        Away = _away,
    };

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            var result = UserId is { } id ? await Users.UpdateAsync(await AccessAsync(), id, Input())
                : _invite ? await Invitations.InviteAsync(await AccessAsync(), new InviteUserInput { Email = _email, Name = _displayName, Roles = [.. _roles], TeamIds = [.. _teamIds] }, Navigation.BaseUri)
                : await Users.CreateAsync(await AccessAsync(), Input());
            if (_invite && result.Errors is { } invalid && invalid.GetValueOrDefault(InviteNameField) is { } nameErrors)
            {
                // The invitation names the field "name"; this dialog shows it under the display name.
                result = result with { Errors = new Dictionary<string, string[]>(invalid) { [DisplayNameField] = nameErrors } };
            }
            _errors = result.Errors ?? new Dictionary<string, string[]>();
            _message = result.Errors is null ? result.Message : null;
            if (result.Value is { } saved)
            {
                if (saved.TemporaryPassword is { } password)
                {
                    _temporaryPassword = password;
                    Show(saved);
                    UserId = saved.Id;
                    return;
                }

                if (_invite && UserId is null)
                {
                    Snackbar.Add($"Invitation sent to {saved.Email}.", Severity.Success);
                }

                Dialog.Close(DialogResult.Ok(saved));
            }
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task ToggleActiveAsync()
    {
        if (_user is not { } user)
        {
            return;
        }

        if (user.Active && await Dialogs.ShowMessageBoxAsync("Deactivate user?",
                $"{user.DisplayName} is signed out everywhere and their API keys stop working at once. Their records stay.",
                yesText: "Deactivate", cancelText: "Cancel") != true)
        {
            return;
        }

        var result = await Users.SetActiveAsync(await AccessAsync(), user.Id, !user.Active);
        _message = result.Message;
        if (result.Value is { } changed)
        {
            Show(changed);
        }
    }

    private async Task ResetPasswordAsync()
    {
        if (_user is not { } user || await Dialogs.ShowMessageBoxAsync("Reset password?",
                $"{user.DisplayName} is signed out and must use a new generated password.", yesText: "Reset", cancelText: "Cancel") != true)
        {
            return;
        }

        var result = await Users.ResetPasswordAsync(await AccessAsync(), user.Id);
        _temporaryPassword = result.Value?.TemporaryPassword;
        _message = result.Message;
    }

    private void Close()
    {
        if (_temporaryPassword is not null || _user is not null)
        {
            Dialog.Close(DialogResult.Ok(true));
        }
        else
        {
            Dialog.Cancel();
        }
    }
}
