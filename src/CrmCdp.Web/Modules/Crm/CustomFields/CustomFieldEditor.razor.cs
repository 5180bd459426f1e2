using CrmCdp.Web.Modules.Crm.Common;
using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Crm.CustomFields;

public partial class CustomFieldEditor
{
    [Parameter, EditorRequired]
    public IReadOnlyList<CustomFieldDto> Fields { get; set; } = [];

    [Parameter, EditorRequired]
    public Dictionary<string, object?> Values { get; set; } = [];

    [Parameter]
    public object? ErrorsSource { get; set; }

    private FieldErrors Errors => ErrorsSource as FieldErrors ?? new FieldErrors();

    private void Set(string key, object? value) => Values[key] = value;
}
