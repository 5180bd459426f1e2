using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Pipeline;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Quotas;

/// <summary>One month of one pipeline: every user's quota in a column to tab through, saved together.</summary>
public partial class QuotasAdminPage
{
    private IReadOnlyList<PipelineDto> _pipelines = [];
    private Guid _pipelineId;
    private DateTime? _month;
    private List<QuotaRow> _rows = [];
    private bool _saving;

    [Inject]
    private PipelineService Pipelines { get; set; } = default!;

    [Inject]
    private QuotaService Quotas { get; set; } = default!;

    [Inject]
    private UserDirectory Users { get; set; } = default!;

    private string Currency => _pipelines.FirstOrDefault(p => p.Id == _pipelineId)?.Currency ?? "";

    private bool Changed => _rows.Any(r => r.Amount != r.Saved);

    protected override async Task OnInitializedAsync()
    {
        _pipelines = await Pipelines.VisibleAsync(await AccessAsync());
        _pipelineId = _pipelines.Count > 0 ? _pipelines[0].Id : Guid.Empty;
        _month = Quotas.ThisMonth().ToDateTime(TimeOnly.MinValue);
        await LoadAsync();
    }

    private DateOnly Month => DateOnly.FromDateTime(_month ?? DateTime.UtcNow) is var day ? new DateOnly(day.Year, day.Month, 1) : default;

    private async Task LoadAsync()
    {
        if (_pipelineId == Guid.Empty)
        {
            return;
        }

        var access = await AccessAsync();
        var attainment = (await Quotas.AttainmentAsync(access, _pipelineId, Month)).ToDictionary(a => a.UserId);
        var quotas = (await Quotas.ListAsync(access, _pipelineId, Month, 1)).ToDictionary(q => q.UserId);
        _rows = [.. (await Users.AssignableAsync()).Select(user => new QuotaRow(user.Id, user.Name)
        {
            QuotaId = quotas.GetValueOrDefault(user.Id)?.Id,
            Amount = quotas.GetValueOrDefault(user.Id)?.Amount,
            Saved = quotas.GetValueOrDefault(user.Id)?.Amount,
            Won = attainment.GetValueOrDefault(user.Id)?.Won ?? 0,
        })];
    }

    private async Task SaveAsync()
    {
        _saving = true;
        var access = await AccessAsync();
        var month = QuotaService.FormatMonth(Month);
        var saved = 0;
        foreach (var row in _rows.Where(r => r.Amount != r.Saved))
        {
            row.Error = null;
            if (row.Amount is null)
            {
                if (row.QuotaId is { } id && (await Quotas.DeleteAsync(access, id)).Outcome == OperationOutcome.Ok)
                {
                    (row.QuotaId, row.Saved) = (null, null);
                    saved++;
                }

                continue;
            }

            var result = await Quotas.SetAsync(access, new QuotaInput { UserId = row.UserId, PipelineId = _pipelineId, Month = month, Amount = row.Amount });
            if (result.Value is { } quota)
            {
                (row.QuotaId, row.Saved) = (quota.Id, quota.Amount);
                saved++;
            }
            else
            {
                row.Error = result.Errors?.Values.SelectMany(e => e).FirstOrDefault() ?? result.Message;
            }
        }

        _saving = false;
        Snackbar.Add(_rows.Any(r => r.Error is not null) ? "Some quotas were not saved; see the marked rows." : $"Saved {saved} quota(s).",
            _rows.Any(r => r.Error is not null) ? Severity.Warning : Severity.Success);
    }

    private sealed class QuotaRow(Guid userId, string name)
    {
        public Guid UserId { get; } = userId;

        public string Name { get; } = name;

        public Guid? QuotaId { get; set; }

        public decimal? Amount { get; set; }

        public decimal? Saved { get; set; }

        public decimal Won { get; set; }

        public string? Error { get; set; }
    }
}
