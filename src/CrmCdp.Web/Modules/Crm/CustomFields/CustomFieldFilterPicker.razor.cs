using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Crm.CustomFields;

public partial class CustomFieldFilterPicker
{
    private IReadOnlyList<CustomFieldDto> _fields = [];
    private CustomFieldDto? _field;
    private string? _value;
    private string? _reported;

    [Parameter, EditorRequired]
    public CustomFieldTarget Target { get; set; }

    [Parameter]
    public string? Value { get; set; }

    [Parameter]
    public EventCallback<string?> ValueChanged { get; set; }

    protected override async Task OnInitializedAsync() => _fields = await CustomFields.ListAsync(await AccessAsync(), Target);

    protected override void OnParametersSet()
    {
        // Only an outside change (a saved view applied) resets the picker; a field chosen without a value yet stays chosen.
        if (Value == _reported)
        {
            return;
        }

        _reported = Value;
        var (key, _) = CustomFieldFilter.Parse(Value);
        _field = _fields.FirstOrDefault(f => f.Key == key);
        _value = _field is null ? null : Value![(key!.Length + 1)..];
    }

    private Task OnFieldChanged(CustomFieldDto? field)
    {
        _field = field;
        _value = null;
        return field is null ? ReportAsync(null) : Task.CompletedTask;
    }

    private Task OnValueChanged(string? value)
    {
        _value = value;
        return ReportAsync(_field is null || string.IsNullOrWhiteSpace(value) ? null : $"{_field.Key}:{value.Trim()}");
    }

    private Task ReportAsync(string? filter)
    {
        _reported = filter;
        return ValueChanged.InvokeAsync(filter);
    }
}
