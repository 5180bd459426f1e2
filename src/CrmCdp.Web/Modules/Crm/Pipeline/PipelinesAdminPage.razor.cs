using CrmCdp.Web.Modules.Crm.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Pipeline;

public partial class PipelinesAdminPage
{
    private IReadOnlyList<PipelineDto> _pipelines = [];
    private IReadOnlyList<LostReasonDto> _reasons = [];
    private IReadOnlyList<(Guid Id, string Name)> _allTeams = [];
    private PipelineDto? _selected;
    private PipelineInput _input = new() { Stages = [] };
    private IReadOnlyCollection<Guid> _teams = [];
    private string? _newReason;
    private string? _message;
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();

    [Inject]
    private PipelineService Pipelines { get; set; } = default!;

    [Inject]
    private PipelineAdmin Admin { get; set; } = default!;

    [Inject]
    private UserDirectory Teams { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _allTeams = await Teams.TeamsAsync();

        await ReloadAsync();
        Select(_pipelines.Count > 0 ? _pipelines[0] : null);
    }

    private string TeamName(Guid id) => _allTeams.FirstOrDefault(t => t.Id == id).Name ?? "";

    private string? Error(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private async Task ReloadAsync()
    {
        _pipelines = await Pipelines.VisibleAsync(await AccessAsync());
        _reasons = await Pipelines.LostReasonsAsync(await AccessAsync());
    }

    private void Select(PipelineDto? pipeline)
    {
        _selected = pipeline;
        _errors = new Dictionary<string, string[]>();
        _message = null;
        _input = pipeline is null
            ? new PipelineInput { Currency = "EUR", Stages = [new StageInput { Name = "New", Probability = 10 }] }
            : new PipelineInput
            {
                Name = pipeline.Name,
                Currency = pipeline.Currency,
                Stages = [.. pipeline.Stages.Select(s => new StageInput { Id = s.Id, Name = s.Name, Probability = s.Probability, RottingDays = s.RottingDays })],
            };
        _teams = pipeline is null ? [] : [.. pipeline.VisibleToTeamIds];
    }

    private void New() => Select(null);

    private void Swap(int a, int b) => (_input.Stages![a], _input.Stages[b]) = (_input.Stages[b], _input.Stages[a]);

    private async Task SaveAsync()
    {
        _input.VisibleToTeamIds = [.. _teams];
        var result = await Admin.SaveAsync(await AccessAsync(), _selected?.Id, _input);
        _errors = result.Errors ?? new Dictionary<string, string[]>();
        _message = result.Errors?.GetValueOrDefault("stages")?.FirstOrDefault() ?? (result.Errors is null ? result.Message : null);
        if (result.Value is { } saved)
        {
            Snackbar.Add($"Pipeline {saved.Name} saved.", Severity.Success);
            await ReloadAsync();
            Select(_pipelines.FirstOrDefault(p => p.Id == saved.Id));
        }
    }

    private async Task DeleteAsync()
    {
        if (_selected is not { } pipeline || await Dialogs.ShowMessageBoxAsync("Delete pipeline?", $"Delete {pipeline.Name}?", yesText: "Delete", cancelText: "Cancel") != true)
        {
            return;
        }

        var result = await Admin.DeleteAsync(await AccessAsync(), pipeline.Id);
        Snackbar.Add(result.Outcome == OperationOutcome.Ok ? $"Pipeline {pipeline.Name} deleted." : result.Message ?? "The pipeline could not be deleted.",
            result.Outcome == OperationOutcome.Ok ? Severity.Success : Severity.Error);
        await ReloadAsync();
        Select(_pipelines.Count > 0 ? _pipelines[0] : null);
    }

    private async Task AddReasonAsync()
    {
        await Admin.SaveReasonAsync(await AccessAsync(), null, new LostReasonInput { Name = _newReason });
        _newReason = null;
        await ReloadAsync();
    }

    private async Task ToggleReasonAsync(LostReasonDto reason, bool active)
    {
        await Admin.SaveReasonAsync(await AccessAsync(), reason.Id, new LostReasonInput { Name = reason.Name, Active = active });
        await ReloadAsync();
    }
}
