using System.Globalization;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>
/// Checks a condition tree before it is compiled or saved; every error names the node by its JSON path
/// (<c>definition.conditions[1].value</c>) so the builder can show it next to the field.
/// </summary>
internal static class SegmentConditionValidator
{
    public const int MaxDepth = 6;
    public const int MaxNodes = 50;
    public const int MaxWindowDays = 365;
    public const int MaxPropertyFilters = 10;

    public static Dictionary<string, string[]> Validate(SegmentCondition? root, string path, IReadOnlySet<string> computedKeys, IReadOnlySet<Guid> segmentIds)
    {
        var errors = new Dictionary<string, List<string>>();
        if (root is null)
        {
            Add(errors, path, "Give the segment at least one condition.");
        }
        else if (root.Walk().Count() > MaxNodes)
        {
            Add(errors, path, $"A segment has at most {MaxNodes} conditions and groups.");
        }
        else
        {
            Check(root, path, 1, computedKeys, segmentIds, errors);
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    private static void Check(SegmentCondition node, string path, int depth, IReadOnlySet<string> computedKeys, IReadOnlySet<Guid> segmentIds, Dictionary<string, List<string>> errors)
    {
        if (depth > MaxDepth)
        {
            Add(errors, path, $"Groups nest at most {MaxDepth} deep.");
            return;
        }

        var stray = node.Type switch
        {
            ConditionTypes.And or ConditionTypes.Or => node.Condition is not null,
            ConditionTypes.Not => node.Conditions is not null,
            _ => node.Conditions is not null || node.Condition is not null,
        };
        if (stray)
        {
            Add(errors, path, "Only \"and\" / \"or\" groups hold \"conditions\", and only \"not\" holds \"condition\"; remove the other.");
            return;
        }

        switch (node.Type)
        {
            case ConditionTypes.And or ConditionTypes.Or:
                if (node.Conditions is not { Count: > 0 })
                {
                    Add(errors, $"{path}.conditions", "A group needs at least one condition.");
                    return;
                }

                for (var i = 0; i < node.Conditions.Count; i++)
                {
                    if (node.Conditions[i] is { } child)
                    {
                        Check(child, $"{path}.conditions[{i}]", depth + 1, computedKeys, segmentIds, errors);
                    }
                    else
                    {
                        Add(errors, $"{path}.conditions[{i}]", "A condition cannot be empty.");
                    }
                }

                break;
            case ConditionTypes.Not:
                if (node.Condition is null)
                {
                    Add(errors, $"{path}.condition", "Say which condition is negated.");
                    return;
                }

                Check(node.Condition, $"{path}.condition", depth + 1, computedKeys, segmentIds, errors);
                break;
            case ConditionTypes.Trait:
                CheckField(node, path, errors);
                CheckOperator(node, path, ConditionOperators.ForTraits, errors);
                CheckValue(node, path, errors);
                break;
            case ConditionTypes.Computed:
                if (string.IsNullOrWhiteSpace(node.Field) || !computedKeys.Contains(node.Field))
                {
                    Add(errors, $"{path}.field", "Pick a computed trait that exists.");
                }

                CheckOperator(node, path, ConditionOperators.ForComputed, errors);
                CheckValue(node, path, errors);
                break;
            case ConditionTypes.Event:
                if (string.IsNullOrWhiteSpace(node.Event) || node.Event.Length > 255)
                {
                    Add(errors, $"{path}.event", "Name the event (1 to 255 characters), e.g. Pricing Viewed or page.");
                }

                CheckOperator(node, path, ConditionOperators.ForEvents, errors);
                if (!ConditionOperators.Occurrences.Contains(node.Operator ?? "") && node.Count is not (>= 0 and <= 1_000_000))
                {
                    Add(errors, $"{path}.count", "The count is a whole number from 0 to 1,000,000.");
                }

                CheckWindow(node, path, errors);
                CheckPropertyFilters(node, path, errors);
                break;
            case ConditionTypes.Segment:
                if (node.SegmentId is not { } id || !segmentIds.Contains(id))
                {
                    Add(errors, $"{path}.segmentId", "Pick another segment that exists.");
                }

                break;
            default:
                Add(errors, $"{path}.type", $"The type must be one of: {string.Join(", ", ConditionTypes.All)}.");
                break;
        }
    }

    private static void CheckDates(EventDates between, string path, Dictionary<string, List<string>> errors)
    {
        var from = TraitDates.Parse(between.From);
        var to = TraitDates.Parse(between.To);
        if (from is not { Year: >= 1901 })
        {
            Add(errors, $"{path}.from", "Give the first day as an ISO 8601 date or time after 1900, e.g. 2026-11-01.");
        }

        if (to is null)
        {
            Add(errors, $"{path}.to", "Give the end as an ISO 8601 date or time, e.g. 2026-12-01 (events before it count).");
        }
        else if (from is { } start && to <= start)
        {
            Add(errors, $"{path}.to", "The end comes after the start.");
        }
    }

    private static void CheckField(SegmentCondition node, string path, Dictionary<string, List<string>> errors, string what = "trait")
    {
        if (string.IsNullOrWhiteSpace(node.Field) || node.Field.Length > 100 || node.Field.Split('.').Any(part => part.Length == 0))
        {
            Add(errors, $"{path}.field", $"Name the {what} (1 to 100 characters; dots reach into objects, e.g. address.city).");
        }
    }

    private static void CheckWindow(SegmentCondition node, string path, Dictionary<string, List<string>> errors)
    {
        var forms = new object?[] { node.Within, node.WithinDays, node.Between, node.Ever }.Count(f => f is not null);
        var occurrence = ConditionOperators.Occurrences.Contains(node.Operator ?? "");
        if (forms > 1)
        {
            Add(errors, $"{path}.within", "Give the window once: \"within\", \"withinDays\", \"between\" or \"ever\".");
            return;
        }

        if (node.Ever is not null || node.Between is not null)
        {
            if (occurrence)
            {
                Add(errors, $"{path}.{(node.Ever is null ? "between" : "ever")}", "A first or last occurrence is measured against a window in minutes, hours or days.");
            }
            else if (node.Ever is false)
            {
                Add(errors, $"{path}.ever", "\"ever\" is true, or left out for a window.");
            }
            else if (node.Between is { } between)
            {
                CheckDates(between, $"{path}.between", errors);
            }

            return;
        }

        if (node.Within is null)
        {
            if (node.WithinDays is not (>= 1 and <= MaxWindowDays))
            {
                Add(errors, $"{path}.withinDays", $"The window is 1 to {MaxWindowDays} days.");
            }

            return;
        }

        if (node.WithinDays is not null)
        {
            Add(errors, $"{path}.within", "Give the window once: \"within\" or \"withinDays\", not both.");
        }
        else if (node.Within.Unit is null || !EventWindow.Units.Contains(node.Within.Unit))
        {
            Add(errors, $"{path}.within.unit", $"The unit must be one of: {string.Join(", ", EventWindow.Units)}.");
        }
        else if (node.Within.Amount is not >= 1 || node.Window() > TimeSpan.FromDays(MaxWindowDays))
        {
            Add(errors, $"{path}.within.amount", $"The window is a whole number of {node.Within.Unit}, at least 1 and at most {MaxWindowDays} days in all.");
        }
    }

    private static void CheckPropertyFilters(SegmentCondition node, string path, Dictionary<string, List<string>> errors)
    {
        if (node.Where is null)
        {
            return;
        }

        if (node.Where.Count > MaxPropertyFilters)
        {
            Add(errors, $"{path}.where", $"An event condition has at most {MaxPropertyFilters} property filters.");
            return;
        }

        for (var i = 0; i < node.Where.Count; i++)
        {
            if (node.Where[i] is not { } filter)
            {
                Add(errors, $"{path}.where[{i}]", "A property filter cannot be empty.");
                continue;
            }

            CheckField(filter, $"{path}.where[{i}]", errors, "event property");
            CheckOperator(filter, $"{path}.where[{i}]", ConditionOperators.ForTraits, errors);
            CheckValue(filter, $"{path}.where[{i}]", errors);
        }
    }

    private static void CheckOperator(SegmentCondition node, string path, IReadOnlyList<string> allowed, Dictionary<string, List<string>> errors)
    {
        if (node.Operator is null || !allowed.Contains(node.Operator))
        {
            Add(errors, $"{path}.operator", $"The operator must be one of: {string.Join(", ", allowed)}.");
        }
    }

    private static void CheckValue(SegmentCondition node, string path, Dictionary<string, List<string>> errors)
    {
        if (!ConditionOperators.NeedsValue(node.Operator))
        {
            return;
        }

        var numeric = ConditionOperators.Numeric.Contains(node.Operator!)
            || node.Operator is ConditionOperators.WithinLastDays or ConditionOperators.WithinNextDays;
        if (node.Value is null || node.Value.Length > 500)
        {
            Add(errors, $"{path}.value", "Give a value to compare with (up to 500 characters).");
        }
        else if (numeric && !TryNumber(node.Value, out _))
        {
            Add(errors, $"{path}.value", "This comparison needs a number, e.g. 42 or 9.5.");
        }
        else if (node.Operator == ConditionOperators.Between && ConditionOperators.Bounds(node.Value) is not { } bounds)
        {
            Add(errors, $"{path}.value", "Give two numbers separated by a comma, lowest first, e.g. 10, 20.");
        }
        else if (node.Operator == ConditionOperators.Between && ConditionOperators.Bounds(node.Value) is { Low: var low, High: var high } && low > high)
        {
            Add(errors, $"{path}.value", "Give the lower number first, e.g. 10, 20.");
        }
        else if (node.Operator is ConditionOperators.Before or ConditionOperators.After && TraitDates.Parse(node.Value) is null)
        {
            Add(errors, $"{path}.value", "Give a date as 2026-12-31 (or a time as 2026-12-31T09:30:00Z).");
        }
        else if (node.Operator is ConditionOperators.WithinLastDays or ConditionOperators.WithinNextDays && TryNumber(node.Value, out var days) && days is < 0 or > 36_500)
        {
            Add(errors, $"{path}.value", "Give a number of days from 0 to 36,500.");
        }
        else if (node.Operator == ConditionOperators.OneOf && ConditionOperators.Items(node.Value).Count is 0 or > 50)
        {
            Add(errors, $"{path}.value", "List 1 to 50 values separated by commas, e.g. pro, enterprise.");
        }
    }

    public static bool TryNumber(string? text, out decimal number) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);

    private static void Add(Dictionary<string, List<string>> errors, string key, string message)
    {
        if (!errors.TryGetValue(key, out var list))
        {
            errors[key] = list = [];
        }

        list.Add(message);
    }
}
