using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>
/// Edits one node in place (so a parent never has to swap references): groups add and remove children,
/// a leaf changes kind, any node can be wrapped in or unwrapped from NOT.
/// </summary>
public partial class ConditionEditor
{
    [Parameter, EditorRequired]
    public SegmentCondition Node { get; set; } = default!;

    /// <summary>The node's JSON path (<c>definition.conditions[0]</c>), the key of its validation messages.</summary>
    [Parameter, EditorRequired]
    public string Path { get; set; } = "definition";

    [Parameter]
    public int Depth { get; set; } = 1;

    [Parameter]
    public IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    [Parameter]
    public IReadOnlyList<SegmentDto> Segments { get; set; } = [];

    [Parameter]
    public IReadOnlyList<string> ComputedKeys { get; set; } = [];

    [Parameter]
    public EventCallback OnChanged { get; set; }

    [Parameter]
    public EventCallback OnRemove { get; set; }

    private bool IsGroup => Node.Type is ConditionTypes.And or ConditionTypes.Or;

    private List<SegmentCondition> Children => Node.Conditions ??= [];

    private string? Error(string path) => Errors.TryGetValue(path, out var messages) ? string.Join(" ", messages) : null;

    private bool HasError(string field) => Errors.ContainsKey($"{Path}.{field}");

    /// <summary>A new condition of a kind, filled with what most people pick first.</summary>
    public static SegmentCondition NewOfKind(string kind, IReadOnlyList<string> computedKeys) => kind switch
    {
        ConditionTypes.Event => new() { Type = kind, Operator = ConditionOperators.AtLeast, Count = 1, WithinDays = 30 },
        ConditionTypes.Computed => new() { Type = kind, Field = computedKeys.Count > 0 ? computedKeys[0] : null, Operator = ConditionOperators.AtLeastValue },
        ConditionTypes.Segment => new() { Type = kind },
        ConditionTypes.And or ConditionTypes.Or => new() { Type = kind, Conditions = [new() { Type = ConditionTypes.Trait, Operator = ConditionOperators.EqualTo }] },
        _ => new() { Type = ConditionTypes.Trait, Operator = ConditionOperators.EqualTo },
    };

    /// <summary>The window choices besides a number of minutes, hours or days (the builder's own; JSON has "ever" and "between").</summary>
    private const string Ever = "ever";
    private const string Dates = "between dates";

    private static readonly IReadOnlyList<string> WindowChoices = [.. EventWindow.Units, Ever, Dates];

    private string WindowUnit => Node.Ever == true ? Ever : Node.Between is not null ? Dates : Node.Within?.Unit ?? EventWindow.Days;

    /// <summary>Days stay in <c>withinDays</c> (as older definitions have them); minutes and hours need <c>within</c>; dates start as the last 30 days.</summary>
    private void SetWindow(int? amount, string unit)
    {
        (Node.Ever, Node.Between) = (unit == Ever ? true : null, unit == Dates ? Node.Between ?? LastThirtyDays() : null);
        (Node.WithinDays, Node.Within) = unit switch
        {
            Ever or Dates => (null, null),
            EventWindow.Days => (amount ?? 30, (EventWindow?)null),
            _ => ((int?)null, new EventWindow { Amount = amount ?? 1, Unit = unit }),
        };
    }

    private static EventDates LastThirtyDays()
    {
        var today = DateTime.UtcNow.Date;
        return new EventDates { From = today.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), To = today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
    }

    private Task SetAsync(Action change)
    {
        change();
        return OnChanged.InvokeAsync();
    }

    private Task SetGroupTypeAsync(string type) => SetAsync(() => Node.Type = type);

    private Task SetLeafTypeAsync(string kind) => SetAsync(() => CopyInto(Node, NewOfKind(kind, ComputedKeys)));

    private Task AddChildAsync(string kind) => SetAsync(() => Children.Add(NewOfKind(kind, ComputedKeys)));

    private Task RemoveChildAsync(int index) => SetAsync(() => Children.RemoveAt(index));

    private Task NegateAsync() => SetAsync(() =>
    {
        var inner = Node.Clone();
        CopyInto(Node, SegmentCondition.Not(inner));
    });

    private Task UnwrapAsync() => SetAsync(() =>
    {
        if (Node.Condition is { } inner)
        {
            CopyInto(Node, inner);
        }
    });

    private static void CopyInto(SegmentCondition target, SegmentCondition source)
    {
        target.Type = source.Type;
        target.Conditions = source.Conditions;
        target.Condition = source.Condition;
        target.Field = source.Field;
        target.Operator = source.Operator;
        target.Value = source.Value;
        target.Event = source.Event;
        target.Count = source.Count;
        target.WithinDays = source.WithinDays;
        target.Within = source.Within;
        target.Where = source.Where;
        target.SegmentId = source.SegmentId;
    }
}
