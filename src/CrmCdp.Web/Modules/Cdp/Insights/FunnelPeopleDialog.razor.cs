using CrmCdp.Web.Modules.Cdp.Segments;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Cdp.Insights;

/// <summary>Who is behind a funnel step's number, and the one click that keeps them as a segment.</summary>
public partial class FunnelPeopleDialog
{
    private FunnelPeopleResult? _result;
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private bool _canMakeSegments;
    private string? _name;
    private string? _nameError;
    private bool _saving;
    private SegmentDto? _saved;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private FunnelPeople People { get; set; } = default!;

    [Parameter, EditorRequired]
    public FunnelPeopleRequest Request { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var access = await AccessAsync();
        _canMakeSegments = access.Has(Permissions.Cdp.SegmentsManage);
        var step = Request.Steps![Request.Step!.Value].Event;
        _name = $"{(Request.Status == "dropped" ? "Dropped before" : "Reached")} {step} {DateTimeOffset.UtcNow.InUserZone():yyyy-MM-dd HH:mm}";
        var answer = await People.ListAsync(access, Request);
        (_result, _errors) = (answer.Value, answer.Errors ?? new Dictionary<string, string[]>());
    }

    private async Task SaveAsync()
    {
        _saving = true;
        var answer = await People.SaveAsSegmentAsync(await AccessAsync(), Request with { Name = _name });
        _saving = false;
        _saved = answer.Value;
        _nameError = answer.Errors?.GetValueOrDefault("name")?.FirstOrDefault() ?? (answer.Value is null ? answer.Errors?.Values.SelectMany(e => e).FirstOrDefault() ?? answer.Message : null);
    }
}
