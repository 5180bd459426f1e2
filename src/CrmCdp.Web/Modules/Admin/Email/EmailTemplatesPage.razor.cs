using CrmCdp.Web.Platform.Email;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Admin.Email;

/// <summary>The Liquid templates reps (and, later, campaigns) send from.</summary>
public partial class EmailTemplatesPage
{
    private IReadOnlyList<EmailTemplateDto>? _templates;

    [Inject]
    private EmailTemplateService Templates { get; set; } = default!;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync() => _templates = (await Templates.ListAsync(await AccessAsync())).Value ?? [];

    private async Task EditAsync(EmailTemplateDto? template)
    {
        var parameters = new DialogParameters<EmailTemplateDialog> { { d => d.TemplateId, template?.Id } };
        var dialog = await Dialogs.ShowAsync<EmailTemplateDialog>(template is null ? "New template" : $"Edit {template.Name}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            await LoadAsync();
        }
    }

    private async Task DeleteAsync(EmailTemplateDto template)
    {
        if (await Dialogs.ShowMessageBoxAsync("Delete template?", $"“{template.Name}” is gone for everyone; emails already sent stay as they are.",
                yesText: "Delete", cancelText: "Cancel") != true)
        {
            return;
        }

        var result = await Templates.DeleteAsync(await AccessAsync(), template.Id);
        Snackbar.Add(result.Outcome == OperationOutcome.Ok ? "Template deleted." : result.Message ?? "Not deleted.", result.Outcome == OperationOutcome.Ok ? Severity.Success : Severity.Error);
        await LoadAsync();
    }
}
