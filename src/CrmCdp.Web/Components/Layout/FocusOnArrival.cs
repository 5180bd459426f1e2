using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using RouteData = Microsoft.AspNetCore.Components.RouteData;

namespace CrmCdp.Web.Components.Layout;

/// <summary>
/// Like <see cref="Microsoft.AspNetCore.Components.Routing.FocusOnNavigate"/>, but it never takes the keyboard away
/// from a field the person is already typing in (the first interactive render can come after they pressed "/").
/// </summary>
public sealed class FocusOnArrival : ComponentBase
{
    private RouteData? _focused;
    private bool _pending;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    [Parameter, EditorRequired]
    public RouteData RouteData { get; set; } = default!;

    [Parameter, EditorRequired]
    public string Selector { get; set; } = "";

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(RouteData, _focused))
        {
            (_focused, _pending) = (RouteData, true);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_pending)
        {
            _pending = false;
            await Js.InvokeVoidAsync("crmcdp.focusUnlessTyping", Selector);
        }
    }
}
