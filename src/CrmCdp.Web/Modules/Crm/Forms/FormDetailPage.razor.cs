using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Forms;

/// <summary>One form: where it lives, its embed snippet, and its submissions with spam held for review.</summary>
public partial class FormDetailPage
{
    private FormDto? _form;
    private bool _missing;
    private string _status = "";
    private IReadOnlyList<FormSubmissionDto>? _submissions;

    [Parameter]
    public Guid FormId { get; set; }

    [Inject]
    private FormService Forms { get; set; } = default!;

    [Inject]
    private FormSubmissionService Submissions { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _form = (await Forms.GetAsync(await AccessAsync(), FormId, Navigation.BaseUri)).Value;
        _missing = _form is null;
        await LoadSubmissionsAsync();
    }

    private async Task LoadSubmissionsAsync() => _submissions = await Submissions.ListAsync(await AccessAsync(), FormId, _status);

    private async Task FilterAsync(string status)
    {
        _status = status;
        await LoadSubmissionsAsync();
    }

    private async Task EditAsync()
    {
        if (await FormDialog.ShowAsync(Dialogs, _form) is { } saved)
        {
            _form = saved;
        }
    }

    private async Task ReleaseAsync(FormSubmissionDto submission)
    {
        var result = await Submissions.ReleaseAsync(await AccessAsync(), submission.Id);
        Snackbar.Add(result.Value is { } released ? $"Released: {(released.ContactId is null ? released.Note : "the contact is saved")}." : result.Message ?? "Not released.",
            result.Value is null ? Severity.Error : Severity.Success);
        await LoadSubmissionsAsync();
    }

    private async Task DeleteAsync(FormSubmissionDto submission)
    {
        if (await Dialogs.ShowMessageBoxAsync("Delete submission?", "It is gone for good; a contact it made stays.", yesText: "Delete", cancelText: "Cancel") == true)
        {
            await Submissions.DeleteAsync(await AccessAsync(), submission.Id);
            await LoadSubmissionsAsync();
        }
    }
}
