namespace CrmCdp.Web.Modules.Cdp.Segments;

public partial class PropertyFilterEditor
{
    private string? Error(int index, string field) =>
        Errors.TryGetValue($"{(Path.Length == 0 ? "" : Path + ".")}where[{index}].{field}", out var messages) ? string.Join(" ", messages) : null;

    private Task AddAsync() => SetAsync(() => Filters.Add(new SegmentCondition { Operator = ConditionOperators.EqualTo }));

    private Task SetAsync(Action change)
    {
        change();
        if (Node.Where is { Count: 0 })
        {
            Node.Where = null;
        }

        return OnChanged.InvokeAsync();
    }
}
