using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Tasks;

public partial class OpenTaskList
{
    [Parameter, EditorRequired]
    public IReadOnlyList<TaskDto> Tasks { get; set; } = [];

    [Parameter]
    public bool ShowRecord { get; set; }

    [Parameter]
    public string EmptyText { get; set; } = "No open tasks.";

    [Parameter]
    public EventCallback Changed { get; set; }

    [Inject]
    private TaskService TaskService { get; set; } = default!;

    private async Task CompleteAsync(TaskDto task, bool scheduleNext)
    {
        var result = await TaskService.SetDoneAsync(await AccessAsync(), task.Id, true);
        if (result.Outcome != OperationOutcome.Ok)
        {
            Snackbar.Add(result.Message ?? "The task could not be completed.", Severity.Error);
            return;
        }

        Snackbar.Add($"Done: {task.Title}", Severity.Success);
        if (scheduleNext)
        {
            var parameters = new DialogParameters<TaskDialog> { { d => d.FollowUpOf, task } };
            await (await Dialogs.ShowAsync<TaskDialog>("Schedule the next task", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true })).Result;
        }

        await Changed.InvokeAsync();
    }
}
