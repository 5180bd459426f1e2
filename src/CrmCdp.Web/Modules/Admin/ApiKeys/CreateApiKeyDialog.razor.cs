using FluentValidation;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Admin.ApiKeys;

public partial class CreateApiKeyDialog
{
    private readonly CreateApiKeyRequest _request = new();
    private IReadOnlyList<string> _roles = [];
    private DateTime? _expiresOn;
    private MudForm? _form;
    private string? _serverError;
    private bool _saving;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private IValidator<CreateApiKeyRequest> Validator { get; set; } = default!;

    [Inject]
    private ApiKeyService Service { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _roles = await Service.ListRoleNamesAsync(await AccessAsync(), CancellationToken.None);

    private void Cancel() => Dialog.Cancel();

    private async Task SubmitAsync()
    {
        _request.ExpiresAt = _expiresOn is { } date ? new DateTimeOffset(date.Date.AddDays(1), TimeZoneInfo.Local.GetUtcOffset(date)) : null;
        await _form!.ValidateAsync();
        if (!_form.IsValid)
        {
            return;
        }

        _saving = true;
        try
        {
            var result = await Service.CreateAsync(await AccessAsync(), _request, CancellationToken.None);
            if (result.Key is null)
            {
                _serverError = result.Error;
                return;
            }

            Dialog.Close(DialogResult.Ok(result.Key));
        }
        finally
        {
            _saving = false;
        }
    }
}
