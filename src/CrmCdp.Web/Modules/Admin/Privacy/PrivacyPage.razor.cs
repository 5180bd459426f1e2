using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Admin.Privacy;

public partial class PrivacyPage
{
    private readonly CancellationTokenSource _stop = new();
    private IReadOnlyList<PrivacyRequestDto> _requests = [];
    private IReadOnlyList<SuppressionDto> _suppressions = [];
    private string _kind = "access";
    private string _identifierKind = "email";
    private string? _identifier;
    private bool _filing;
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();

    [Inject]
    private PrivacyService Privacy { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await ReloadAsync();
        _ = PollAsync();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    private static Color StatusColor(string status) => status switch
    {
        "done" => Color.Success,
        "failed" => Color.Error,
        _ => Color.Info,
    };

    private string? Error(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private async Task ReloadAsync()
    {
        _requests = await Privacy.ListAsync(await AccessAsync());
        _suppressions = await Privacy.SuppressionsAsync(await AccessAsync());
    }

    /// <summary>Refreshes the list while a job is under way, so its status moves without a reload.</summary>
    private Task PollAsync() => RefreshEveryAsync(TimeSpan.FromSeconds(2),
        () => _requests.Any(r => r.Status is "requested" or "running") ? ReloadAsync() : Task.CompletedTask, _stop.Token);

    private async Task FileAsync()
    {
        if (_kind == "erase" && await Dialogs.ShowMessageBoxAsync("Erase this person's data?",
                "Their contacts are anonymised and their personal values removed everywhere, in every table. This cannot be undone.",
                yesText: "Erase", cancelText: "Cancel") != true)
        {
            return;
        }

        _filing = true;
        try
        {
            var result = await Privacy.FileAsync(await AccessAsync(), new PrivacyRequestInput { Kind = _kind, IdentifierKind = _identifierKind, Identifier = _identifier });
            _errors = result.Errors ?? new Dictionary<string, string[]>();
            if (result.Value is { } filed)
            {
                Snackbar.Add($"{char.ToUpperInvariant(filed.Kind[0])}{filed.Kind[1..]} request for {filed.Identifier} filed.", Severity.Success);
                _identifier = null;
                await ReloadAsync();
            }
        }
        finally
        {
            _filing = false;
        }
    }

    private async Task LiftAsync(SuppressionDto suppression)
    {
        await Privacy.LiftSuppressionAsync(await AccessAsync(), suppression.Id);
        await ReloadAsync();
    }
}
