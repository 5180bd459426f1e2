using CrmCdp.Web.Modules.Crm.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Views;

/// <summary>The actions on a list's selected records: assign, tag and delete (after a confirmation), plus any the list adds.</summary>
public partial class BulkBar
{
    private string? _tag;

    [Parameter, EditorRequired]
    public int Count { get; set; }

    /// <summary>The plural noun of the records, as in "Delete 3 selected contacts?".</summary>
    [Parameter, EditorRequired]
    public string Noun { get; set; } = "";

    [Parameter]
    public string TestId { get; set; } = "bulk-bar";

    [Parameter]
    public IReadOnlyList<UserOption> Users { get; set; } = [];

    [Parameter]
    public string AssignLabel { get; set; } = "Assign owner";

    [Parameter]
    public EventCallback<Guid> OnAssignOwner { get; set; }

    [Parameter]
    public EventCallback<string> OnAddTag { get; set; }

    /// <summary>The permission the delete button needs; no button without it.</summary>
    [Parameter]
    public string? DeletePolicy { get; set; }

    /// <summary>What else the confirmation should say, e.g. what the delete leaves in place.</summary>
    [Parameter]
    public string? DeleteNote { get; set; }

    [Parameter]
    public EventCallback OnDelete { get; set; }

    /// <summary>Actions before the standard ones.</summary>
    [Parameter]
    public RenderFragment? Leading { get; set; }

    /// <summary>Actions between assigning and tagging.</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    private async Task AddTagAsync()
    {
        var tag = _tag;
        _tag = null;
        await OnAddTag.InvokeAsync(tag);
    }

    private async Task DeleteAsync()
    {
        var note = DeleteNote is null ? "" : DeleteNote + " ";
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Delete {Noun}?",
            $"Delete {Count} selected {Noun}? {note}An administrator can restore them.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed == true)
        {
            await OnDelete.InvokeAsync();
        }
    }
}
