using CrmCdp.Web.Modules.Crm.Common;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.CustomFields;

public partial class CustomFieldsPage
{
    private readonly FieldErrors _errors = new();
    private IReadOnlyList<CustomFieldDto>? _fields;
    private CustomFieldInput _input = new();
    private string? _choices;

    protected override async Task OnInitializedAsync() => _fields = await Fields.ListAsync(await AccessAsync(), null);

    private async Task AddAsync()
    {
        _input.Choices = CrmUi.SplitList(_choices);
        var result = await Fields.CreateAsync(await AccessAsync(), _input);
        _errors.Set(result.Errors, key => char.ToUpperInvariant(key[0]) + key[1..]);
        if (result.Value is { } field)
        {
            Snackbar.Add($"Field “{field.Label}” added.", Severity.Success);
            _input = new CustomFieldInput();
            _choices = null;
            _fields = await Fields.ListAsync(await AccessAsync(), null);
        }
    }

    private async Task DeleteAsync(CustomFieldDto field)
    {
        if (await Dialogs.ShowMessageBoxAsync("Delete field?", $"“{field.Label}” disappears from forms and pages; values already stored are kept but hidden.",
                yesText: "Delete", cancelText: "Cancel") == true)
        {
            await Fields.DeleteAsync(await AccessAsync(), field.Id);
            _fields = await Fields.ListAsync(await AccessAsync(), null);
        }
    }
}
