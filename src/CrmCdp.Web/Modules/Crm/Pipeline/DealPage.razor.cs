using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Timeline;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Pipeline;

/// <summary>A deal: stage path to move it, key fields, timeline and time spent in each stage.</summary>
public partial class DealPage
{
    private DealDto? _deal;
    private PipelineDto? _pipeline;
    private IReadOnlyList<TimelineItem> _timeline = [];
    private IReadOnlyList<StageHistoryDto> _history = [];
    private bool _loading = true;
    private bool _canEdit;
    private IReadOnlyList<Contacts.ContactDto> _contacts = [];
    private IReadOnlyList<Tasks.TaskDto> _openTasks = [];

    [Inject]
    private Contacts.ContactService ContactService { get; set; } = default!;

    [Inject]
    private Tasks.TaskService TaskService { get; set; } = default!;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private DealService Deals { get; set; } = default!;

    [Inject]
    private PipelineService Pipelines { get; set; } = default!;

    [Inject]
    private TimelineService Timeline { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        _loading = false;
    }

    private static string Duration(long seconds) => TimeSpan.FromSeconds(seconds) switch
    {
        var t when t.TotalDays >= 1 => $"{(int)t.TotalDays} d {t.Hours} h",
        var t when t.TotalHours >= 1 => $"{(int)t.TotalHours} h {t.Minutes} min",
        var t => $"{(int)t.TotalMinutes} min",
    };

    private async Task LoadAsync()
    {
        var access = await AccessAsync();
        _deal = (await Deals.GetAsync(access, Id)).Value;
        if (_deal is null)
        {
            return;
        }

        _canEdit = access.Allows(Platform.Auth.Permissions.Crm.DealsEdit, _deal.OwnerId);
        _pipeline = await Pipelines.FindAsync(access, _deal.PipelineId);
        _timeline = [.. (await Timeline.ForRecordAsync(access, CrmRecordType.Deal, Id)).OrderByDescending(i => i.At)];
        _history = await Deals.HistoryAsync(access, Id);
        var contacts = new List<Contacts.ContactDto>();
        foreach (var contactId in _deal.ContactIds)
        {
            if ((await ContactService.GetAsync(access, contactId)).Value is { } contact)
            {
                contacts.Add(contact);
            }
        }

        _contacts = contacts;
        _openTasks = access.Has(Platform.Auth.Permissions.Crm.TasksRead) ? await TaskService.OpenAsync(access, new Tasks.TaskFilter(DealId: Id), 20) : [];
    }

    /// <summary>Each stay in a stage, oldest first: when the deal entered it and how long it stayed (the current one until now).</summary>
    private IEnumerable<(string Stage, DateTimeOffset Entered, long Seconds, bool Current)> StageStays()
    {
        for (var i = 0; i < _history.Count; i++)
        {
            var move = _history[i];
            var current = i == _history.Count - 1;
            var left = current ? (_deal?.ClosedAt ?? Time.GetUtcNow()) : _history[i + 1].ChangedAt;
            var stage = move.Outcome == "open" ? move.ToStage : move.Outcome == "won" ? "Won" : "Lost";
            yield return (stage, move.ChangedAt, (long)Math.Max(0, (left - move.ChangedAt).TotalSeconds), current && move.Outcome == "open");
        }
    }

    private async Task EditAsync()
    {
        var parameters = new DialogParameters<DealDialog>
        {
            { d => d.Deal, _deal },
            { d => d.Contacts, [.. _contacts.Select(Contacts.ContactOption.Of)] },
        };
        if (await (await Dialogs.ShowAsync<DealDialog>("Edit deal", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true })).Result is { Canceled: false })
        {
            await LoadAsync();
        }
    }

    private async Task LogAsync(string kind)
    {
        var parameters = new DialogParameters<Activities.ActivityDialog> { { d => d.ActivityKind, kind }, { d => d.DealId, Id } };
        if (await (await Dialogs.ShowAsync<Activities.ActivityDialog>(kind == "call" ? "Log call" : "Add note", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true })).Result is { Canceled: false })
        {
            await LoadAsync();
        }
    }

    private async Task AddTaskAsync()
    {
        var parameters = new DialogParameters<Tasks.TaskDialog> { { d => d.DealId, Id } };
        if (await (await Dialogs.ShowAsync<Tasks.TaskDialog>("Add task", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true })).Result is { Canceled: false })
        {
            await LoadAsync();
        }
    }

    private async Task MoveAsync(DealMove move)
    {
        var result = await Deals.MoveAsync(await AccessAsync(), Id, move);
        if (result.Value is null)
        {
            Snackbar.Add(result.Errors?.Values.SelectMany(v => v).FirstOrDefault() ?? result.Message ?? "The deal could not be moved.", Severity.Error);
        }

        await LoadAsync();
    }

    private async Task CloseAsync(bool won)
    {
        var dialog = await Dialogs.ShowAsync<CloseDealDialog>(won ? "Mark as won" : "Mark as lost",
            new DialogParameters<CloseDealDialog> { { d => d.Deal, _deal! }, { d => d.Won, won } }, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: DealMove move })
        {
            await MoveAsync(move);
        }
    }
}
