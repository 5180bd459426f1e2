using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Cdp.Profiles;

public partial class SplitProfileDialog
{
    private readonly List<SplitCandidate> _chosen = [];
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private bool _confirming;
    private bool _busy;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter, EditorRequired]
    public Guid ProfileId { get; set; }

    [Parameter, EditorRequired]
    public IReadOnlyList<SplitCandidate> Candidates { get; set; } = [];

    [Parameter]
    public bool SeesPii { get; set; }

    [Inject]
    private ProfileSplitter Splitter { get; set; } = default!;

    private void Toggle(SplitCandidate candidate, bool on)
    {
        _chosen.Remove(candidate);
        if (on)
        {
            _chosen.Add(candidate);
        }
    }

    private void Cancel() => Dialog.Cancel();

    private async Task SplitAsync()
    {
        _busy = true;
        var input = new SplitInput { Identifiers = [.. _chosen.Select(c => new IdentifierInput { Type = c.Type, Value = c.Value })] };
        var result = await Splitter.SplitAsync(await AccessAsync(), ProfileId, input);
        _busy = false;
        if (result.Value is { } done)
        {
            Dialog.Close(DialogResult.Ok(done));
            return;
        }

        _errors = result.Errors ?? new Dictionary<string, string[]> { [""] = [result.Message ?? "The profile could not be split."] };
        _confirming = false;
    }
}
