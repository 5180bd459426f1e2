using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Pipeline;

public partial class CloseDealDialog
{
    private decimal? _amount;
    private Guid? _reasonId;
    private string? _error;
    private IReadOnlyList<LostReasonDto> _reasons = [];

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private PipelineService Pipelines { get; set; } = default!;

    [Parameter, EditorRequired]
    public DealDto Deal { get; set; } = default!;

    [Parameter]
    public bool Won { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _amount = Deal.Amount;
        _reasons = await Pipelines.LostReasonsAsync(await AccessAsync());
    }

    private void Confirm()
    {
        if (Won && _amount is not >= 0)
        {
            _error = "Enter the final amount of the won deal.";
            return;
        }

        if (!Won && _reasonId is null)
        {
            _error = "Choose why the deal was lost.";
            return;
        }

        Dialog.Close(DialogResult.Ok(Won ? new DealMove { Outcome = "won", Amount = _amount } : new DealMove { Outcome = "lost", LostReasonId = _reasonId }));
    }
}
