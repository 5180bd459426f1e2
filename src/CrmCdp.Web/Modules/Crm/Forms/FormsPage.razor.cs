using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Forms;

/// <summary>The web forms: build, open, close and remove them.</summary>
public partial class FormsPage
{
    private IReadOnlyList<FormDto>? _forms;

    [Inject]
    private FormService Forms { get; set; } = default!;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync() => _forms = await Forms.ListAsync(await AccessAsync(), Navigation.BaseUri);

    private async Task EditAsync(FormDto? form)
    {
        if (await FormDialog.ShowAsync(Dialogs, form) is not null)
        {
            await LoadAsync();
        }
    }

    private async Task DeleteAsync(FormDto form)
    {
        if (await Dialogs.ShowMessageBoxAsync("Delete form?", $"“{form.Name}” stops taking submissions, and its submissions are deleted. Contacts it made stay.",
                yesText: "Delete", cancelText: "Cancel") != true)
        {
            return;
        }

        var result = await Forms.DeleteAsync(await AccessAsync(), form.Id);
        Snackbar.Add(result.Outcome == OperationOutcome.Ok ? "Form deleted." : result.Message ?? "Not deleted.", result.Outcome == OperationOutcome.Ok ? Severity.Success : Severity.Error);
        await LoadAsync();
    }
}
