using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Cdp.Segments;

public sealed partial class SegmentActivity : IDisposable
{
    private const int PageSize = 50;

    private readonly CancellationTokenSource _stop = new();
    private SegmentStats? _stats;
    private List<ChartSeries<double>> _series = [];
    private string[] _labels = [];
    private List<SegmentMemberDto> _members = [];
    private string? _nextCursor;
    private int _loadedFor = -1;

    [Parameter, EditorRequired]
    public Guid SegmentId { get; set; }

    /// <summary>Bumped by the editor after a save, so the activity loads again.</summary>
    [Parameter]
    public int Refresh { get; set; }

    [Inject]
    private SegmentQueries Queries { get; set; } = default!;

    public static string OutcomeLabel(string outcome) => outcome switch
    {
        ActivationOutcomes.TaskCreated => "CRM tasks created",
        ActivationOutcomes.NoContact => "No CRM contact",
        ActivationOutcomes.NoConsent => "Left out: no consent",
        _ => outcome,
    };

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor != Refresh)
        {
            _loadedFor = Refresh;
            await LoadAsync();
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _ = PollAsync();
        }
    }

    /// <summary>Members follow events within seconds; the page follows them without a reload.</summary>
    private Task PollAsync() => RefreshEveryAsync(TimeSpan.FromSeconds(3), LoadAsync, _stop.Token);

    private async Task LoadAsync()
    {
        // Members first: a refresh committing in between then shows in the chart too, never members without their entries.
        var page = (await Queries.MembersAsync(await AccessAsync(), SegmentId, null, Math.Clamp(_members.Count, PageSize, SegmentQueries.MaxMemberPage), _stop.Token)).Value;
        (_members, _nextCursor) = ([.. page?.Items ?? []], page?.NextCursor);
        _stats = (await Queries.StatsAsync(await AccessAsync(), SegmentId, 30, _stop.Token)).Value;
        _labels = [.. (_stats?.Days ?? []).Select(d => d.Day.Day % 5 == 1 ? d.Day.ToString("d MMM", System.Globalization.CultureInfo.CurrentCulture) : "")];
        _series = _stats is null ? [] :
        [
            new() { Name = "Entered", Data = _stats.Days.Select(d => (double)d.Entered).ToArray() },
            new() { Name = "Exited", Data = _stats.Days.Select(d => (double)d.Exited).ToArray() },
        ];
    }

    private async Task LoadMoreAsync()
    {
        var page = (await Queries.MembersAsync(await AccessAsync(), SegmentId, _nextCursor, PageSize, _stop.Token)).Value;
        _members.AddRange(page?.Items ?? []);
        _nextCursor = page?.NextCursor;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
