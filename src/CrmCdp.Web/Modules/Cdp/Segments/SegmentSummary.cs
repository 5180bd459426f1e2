using System.Globalization;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>
/// A definition in plain words, for marketers on the builder and the list: "People who did “Pricing Viewed” at least 3
/// times in the last 7 days and whose customer is false". Incomplete rows read as "…" rather than failing.
/// </summary>
public static class SegmentSummary
{
    /// <param name="segmentNames">Names of the segments a definition may refer to; unknown ids read as "another segment".</param>
    public static string Describe(SegmentCondition? definition, IReadOnlyDictionary<Guid, string>? segmentNames = null) =>
        definition is null ? "Everyone" : "People " + Phrase(definition, segmentNames ?? new Dictionary<Guid, string>(), nested: false);

    private static string Phrase(SegmentCondition node, IReadOnlyDictionary<Guid, string> names, bool nested) => node.Type switch
    {
        ConditionTypes.And => Group(node, " and ", names, nested),
        ConditionTypes.Or => Group(node, " or ", names, nested),
        ConditionTypes.Not => node.Condition is null ? "…" : $"who do not match ({Phrase(node.Condition, names, nested: false)})",
        ConditionTypes.Trait => $"whose {Name(node.Field)} {Comparison(node)}",
        ConditionTypes.Computed => $"whose {Name(node.Field)} {Comparison(node)}",
        ConditionTypes.Event => Event(node),
        ConditionTypes.Segment => $"who are in “{(node.SegmentId is { } id && names.TryGetValue(id, out var name) ? name : "another segment")}”",
        _ => "…",
    };

    private static string Group(SegmentCondition node, string joiner, IReadOnlyDictionary<Guid, string> names, bool nested)
    {
        var parts = (node.Conditions ?? []).Select(c => Phrase(c, names, nested: true)).ToList();
        return parts.Count switch
        {
            0 => "…",
            1 => parts[0],
            _ when nested => "(" + string.Join(joiner, parts) + ")",
            _ => string.Join(joiner, parts),
        };
    }

    private static string Event(SegmentCondition node)
    {
        var name = $"“{(string.IsNullOrWhiteSpace(node.Event) ? "…" : node.Event)}”";
        var count = node.Count ?? 0;
        var window = Window(node);
        var filters = node.Where is { Count: > 0 } where ? " where " + string.Join(" and ", where.Select(f => $"{Name(f.Field)} {Comparison(f)}")) : "";
        if (node.Operator is ConditionOperators.LastBefore or ConditionOperators.FirstWithin)
        {
            return node.Operator == ConditionOperators.LastBefore
                ? $"whose last {name}{filters} was more than {Span(node)} ago"
                : $"whose first {name}{filters} was in the last {Span(node)}";
        }

        if (node.Operator == ConditionOperators.AtMost && count == 0)
        {
            return $"who did not do {name}{filters}{window}";
        }

        var times = count == 1 ? "once" : $"{count.ToString(CultureInfo.InvariantCulture)} times";
        var how = node.Operator switch
        {
            ConditionOperators.AtLeast => count == 1 ? "" : $" at least {times}",
            ConditionOperators.AtMost => $" at most {times}",
            _ => $" exactly {times}",
        };
        return $"who did {name}{how}{filters}{window}";
    }

    /// <summary>The window as an amount: "30 days", "hour".</summary>
    private static string Span(SegmentCondition node) => node.Within is { Amount: { } amount, Unit: { } unit }
        ? $"{amount.ToString(CultureInfo.InvariantCulture)} {(amount == 1 ? unit.TrimEnd('s') : unit)}"
        : node.WithinDays is { } days ? $"{days.ToString(CultureInfo.InvariantCulture)} {(days == 1 ? "day" : "days")}" : "…";

    private static string Window(SegmentCondition node)
    {
        if (node.Ever == true)
        {
            return " ever";
        }

        if (node.Between is { } between)
        {
            return $" from {between.From ?? "…"} until {between.To ?? "…"}";
        }

        if (node.Within is { Amount: { } amount, Unit: { } unit })
        {
            var singular = unit.TrimEnd('s');
            return amount == 1 ? $" in the last {singular}" : $" in the last {amount.ToString(CultureInfo.InvariantCulture)} {unit}";
        }

        return node.WithinDays is { } days ? (days == 1 ? " in the last day" : $" in the last {days.ToString(CultureInfo.InvariantCulture)} days") : "";
    }

    private static string Comparison(SegmentCondition node)
    {
        var value = string.IsNullOrWhiteSpace(node.Value) ? "…" : node.Value.Trim();
        return node.Operator switch
        {
            ConditionOperators.EqualTo => $"is {value}",
            ConditionOperators.NotEqualTo => $"is not {value}",
            ConditionOperators.Contains => $"contains {value}",
            ConditionOperators.StartsWith => $"starts with {value}",
            ConditionOperators.EndsWith => $"ends with {value}",
            ConditionOperators.OneOf => $"is one of {string.Join(", ", ConditionOperators.Items(node.Value))}",
            ConditionOperators.Between => ConditionOperators.Items(node.Value) is [var low, var high] ? $"is between {low} and {high}" : $"is between {value}",
            ConditionOperators.Exists => "is known",
            ConditionOperators.NotExists => "is not known",
            ConditionOperators.IsTrue => "is true",
            ConditionOperators.IsFalse => "is false",
            ConditionOperators.GreaterThan => $"is more than {value}",
            ConditionOperators.AtLeastValue => $"is at least {value}",
            ConditionOperators.LessThan => $"is less than {value}",
            ConditionOperators.AtMostValue => $"is at most {value}",
            ConditionOperators.Before => $"is before {value}",
            ConditionOperators.After => $"is after {value}",
            ConditionOperators.WithinLastDays => $"is within the last {value} days",
            ConditionOperators.WithinNextDays => $"is within the next {value} days",
            _ => "…",
        };
    }

    private static string Name(string? field) => string.IsNullOrWhiteSpace(field) ? "…" : field.Trim();
}
