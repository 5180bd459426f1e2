using Microsoft.AspNetCore.Components;

namespace CrmCdp.Web.Modules.Cdp.Segments;

public partial class OperatorSelect
{
    [Parameter] public string? Value { get; set; }

    [Parameter] public EventCallback<string> ValueChanged { get; set; }

    [Parameter, EditorRequired] public IReadOnlyList<string> Operators { get; set; } = [];

    [Parameter] public string? Error { get; set; }

    public static string Label(string? op) => op switch
    {
        ConditionOperators.EqualTo => "is",
        ConditionOperators.NotEqualTo => "is not",
        ConditionOperators.Contains => "contains",
        ConditionOperators.Exists => "is set",
        ConditionOperators.NotExists => "is not set",
        ConditionOperators.GreaterThan => "is more than",
        ConditionOperators.AtLeastValue => "is at least",
        ConditionOperators.LessThan => "is less than",
        ConditionOperators.AtMostValue => "is at most",
        ConditionOperators.AtLeast => "at least",
        ConditionOperators.AtMost => "at most",
        ConditionOperators.Exactly => "exactly",
        ConditionOperators.LastBefore => "last time before the last",
        ConditionOperators.FirstWithin => "first time in the last",
        ConditionOperators.StartsWith => "starts with",
        ConditionOperators.EndsWith => "ends with",
        ConditionOperators.OneOf => "is one of",
        ConditionOperators.Between => "is between",
        ConditionOperators.IsTrue => "is true",
        ConditionOperators.IsFalse => "is false",
        ConditionOperators.Before => "is before",
        ConditionOperators.After => "is after",
        ConditionOperators.WithinLastDays => "in the last … days",
        ConditionOperators.WithinNextDays => "in the next … days",
        _ => op ?? "",
    };
}
