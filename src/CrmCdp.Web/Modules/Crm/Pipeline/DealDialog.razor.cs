using CrmCdp.Web.Modules.Crm.Companies;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Pipeline;

public partial class DealDialog
{
    private readonly DealInput _input = new();
    private PipelineDto? _pipeline;
    private DateTime? _close;
    private CompanyOption? _company;
    private string? _message;
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private DealService Deals { get; set; } = default!;

    [Inject]
    private PipelineService Pipelines { get; set; } = default!;

    [Inject]
    private CompanyQueries Companies { get; set; } = default!;

    [Parameter]
    public Guid PipelineId { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _pipeline = await Pipelines.FindAsync(await AccessAsync(), PipelineId);
        _input.PipelineId = PipelineId;
        _input.Currency = _pipeline?.Currency;
        _input.StageId = _pipeline is { Stages.Count: > 0 } pipeline ? pipeline.Stages[0].Id : null;
    }

    private string? Error(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private async Task<IEnumerable<CompanyOption>> SearchCompaniesAsync(string? text, CancellationToken cancellationToken) =>
        await Companies.SuggestAsync(await AccessAsync(), text, cancellationToken);

    private async Task SaveAsync()
    {
        _input.ExpectedCloseDate = _close is { } close ? DateOnly.FromDateTime(close) : null;
        _input.CompanyId = _company?.Id;
        var result = await Deals.CreateAsync(await AccessAsync(), _input);
        _errors = result.Errors ?? new Dictionary<string, string[]>();
        _message = result.Errors is null ? result.Message : null;
        if (result.Value is { } created)
        {
            Dialog.Close(DialogResult.Ok(created));
        }
    }
}
