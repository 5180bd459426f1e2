using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace CrmCdp.Web.Modules.Cdp.Segments;

public sealed partial class SegmentsPage
{
    private IReadOnlyList<SegmentDto>? _segments;
    private IReadOnlyDictionary<Guid, SegmentTrend> _trends = new Dictionary<Guid, SegmentTrend>();
    private List<string> _importErrors = [];

    [Inject]
    private SegmentService Segments { get; set; } = default!;

    [Inject]
    private SegmentTrends Trends { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var access = await AccessAsync();
        _segments = await Segments.ListAsync(access);
        _trends = await Trends.AllAsync(access);
    }

    private static string TrendLabel(SegmentTrend trend) => $"{trend.Sizes[0]:N0} members 30 days ago, {trend.Sizes[^1]:N0} now";

    /// <summary>A definition exported from a segment's page becomes a new segment, validated like one made in the builder.</summary>
    private async Task ImportAsync(IBrowserFile? file)
    {
        _importErrors = [];
        if (file is null)
        {
            return;
        }

        if (file.Size > SegmentFiles.MaxImportBytes)
        {
            _importErrors = ["A segment file is at most 256 KB."];
            return;
        }

        using var reader = new StreamReader(file.OpenReadStream(SegmentFiles.MaxImportBytes));
        var (input, error) = SegmentFiles.Read(await reader.ReadToEndAsync());
        if (input is null)
        {
            _importErrors = [error!];
            return;
        }

        var created = await Segments.CreateAsync(await AccessAsync(), input);
        if (created.Value is { } segment)
        {
            Navigation.NavigateTo($"/cdp/segments/{segment.Id}");
            return;
        }

        _importErrors = created.Errors is { } errors ? [.. errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))] : [created.Message ?? "It could not be saved."];
    }
}
