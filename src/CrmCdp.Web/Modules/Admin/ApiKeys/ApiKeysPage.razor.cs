using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Admin.ApiKeys;

public partial class ApiKeysPage
{
    private IReadOnlyList<ApiKeySummary>? _keys;
    private CreatedApiKey? _created;

    [Inject]
    private ApiKeyService Service { get; set; } = default!;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync() => _keys = await Service.ListAsync(await AccessAsync(), CancellationToken.None);

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<CreateApiKeyDialog>("New API key", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: CreatedApiKey created })
        {
            _created = created;
            await LoadAsync();
        }
    }

    private async Task RevokeAsync(ApiKeySummary key)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Revoke API key?",
            $"“{key.Name}” stops working immediately for every script that uses it. This cannot be undone.",
            yesText: "Revoke",
            cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        await Service.RevokeAsync(await AccessAsync(), key.Id, CancellationToken.None);
        Snackbar.Add($"“{key.Name}” revoked.", Severity.Success);
        await LoadAsync();
    }
}
