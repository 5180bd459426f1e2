using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>What the in-memory evaluator knows of one profile.</summary>
/// <param name="Events">The profile's events: type, track event or page name, corrected event time, and properties.</param>
internal sealed record ProfileFacts(
    JsonObject Traits, IReadOnlyList<FactEvent> Events, IReadOnlyDictionary<string, JsonNode> Computed, IReadOnlySet<Guid> Segments);

internal sealed record FactEvent(string Type, string? Name, DateTimeOffset Timestamp, JsonObject? Properties = null);

/// <summary>
/// Evaluates a condition tree against one profile's facts, with the same meaning as <see cref="SegmentSqlCompiler"/>:
/// the membership tests and the builder's "does this profile match, and why" use it.
/// </summary>
internal static class SegmentEvaluator
{
    public static bool Matches(SegmentCondition node, ProfileFacts facts, DateTimeOffset asOf) => node.Type switch
    {
        ConditionTypes.And => node.Conditions!.All(c => Matches(c, facts, asOf)),
        ConditionTypes.Or => node.Conditions!.Any(c => Matches(c, facts, asOf)),
        ConditionTypes.Not => !Matches(node.Condition!, facts, asOf),
        ConditionTypes.Trait => Trait(node, Find(facts.Traits, node.Field!), asOf),
        ConditionTypes.Computed => Trait(node, facts.Computed.TryGetValue(node.Field!, out var computed) ? computed : JsonValue.Create(0), asOf),
        ConditionTypes.Event => Count(node, facts, asOf),
        ConditionTypes.Segment => facts.Segments.Contains(node.SegmentId!.Value),
        _ => throw new ArgumentException($"Unknown condition type {node.Type}; validate the tree first.", nameof(node)),
    };

    /// <summary>Whether one event is what an event condition counts: its name or type, and every property filter.</summary>
    public static bool IsCounted(SegmentCondition node, FactEvent e, DateTimeOffset asOf) =>
        (e.Name == node.Event || e.Type == node.Event) && (node.Where ?? []).All(filter => Trait(filter, e.Properties is null ? null : Find(e.Properties, filter.Field!), asOf));

    private static bool Count(SegmentCondition node, ProfileFacts facts, DateTimeOffset asOf)
    {
        var since = asOf - node.Window();
        var matching = facts.Events.Where(e => e.Timestamp <= asOf && IsCounted(node, e, asOf)).Select(e => e.Timestamp).ToList();
        long count = matching.Count(t => node.InWindow(t, asOf));
        return node.Operator switch
        {
            ConditionOperators.AtLeast => count >= node.Count,
            ConditionOperators.AtMost => count <= node.Count,
            ConditionOperators.LastBefore => matching.Count > 0 && matching.Max() <= since,
            ConditionOperators.FirstWithin => matching.Count > 0 && matching.Min() > since,
            _ => count == node.Count,
        };
    }

    private static bool Trait(SegmentCondition node, JsonNode? value, DateTimeOffset asOf)
    {
        if (ConditionOperators.Dates.Contains(node.Operator!))
        {
            return value?.GetValueKind() == JsonValueKind.String && TraitDates.Parse(value.GetValue<string>()) is { } date
                && DateRange(node, asOf) is var (from, to) && (from is null || date > from || (node.Operator != ConditionOperators.After && date == from))
                && (to is null || date < to || (node.Operator != ConditionOperators.Before && date == to));
        }

        var kind = value?.GetValueKind() ?? JsonValueKind.Null;
        var scalar = kind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;
        decimal? number = kind == JsonValueKind.Number && SegmentConditionValidator.TryNumber(value!.ToJsonString(), out var parsed) ? parsed : null;
        return node.Operator switch
        {
            ConditionOperators.EqualTo => Equal(node.Value!, kind, number, value),
            ConditionOperators.NotEqualTo => !Equal(node.Value!, kind, number, value),
            ConditionOperators.Contains => scalar ? Text(value!).Contains(node.Value!, StringComparison.OrdinalIgnoreCase)
                : value is JsonArray list && list.Any(item => item?.GetValueKind() is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
                    && Text(item).Contains(node.Value!, StringComparison.OrdinalIgnoreCase)),
            ConditionOperators.StartsWith => scalar && Text(value!).StartsWith(node.Value!, StringComparison.OrdinalIgnoreCase),
            ConditionOperators.EndsWith => scalar && Text(value!).EndsWith(node.Value!, StringComparison.OrdinalIgnoreCase),
            ConditionOperators.OneOf => ConditionOperators.Items(node.Value).Any(item => Equal(item, kind, number, value)),
            ConditionOperators.Between => number is { } n && ConditionOperators.Bounds(node.Value) is { } b && n >= b.Low && n <= b.High,
            ConditionOperators.IsTrue => kind == JsonValueKind.True,
            ConditionOperators.IsFalse => kind == JsonValueKind.False,
            ConditionOperators.Exists => kind != JsonValueKind.Null,
            ConditionOperators.NotExists => kind == JsonValueKind.Null,
            _ => number is { } n && Compare(n, node.Operator, Number(node.Value)),
        };
    }

    /// <summary>The bounds a date operator compares with (null: open): strict for before and after, inclusive for the day windows.</summary>
    public static (DateTimeOffset? From, DateTimeOffset? To) DateRange(SegmentCondition node, DateTimeOffset asOf)
    {
        var days = TimeSpan.FromDays((double)Number(node.Value));
        return node.Operator switch
        {
            ConditionOperators.Before => (null, TraitDates.Parse(node.Value)),
            ConditionOperators.After => (TraitDates.Parse(node.Value), null),
            ConditionOperators.WithinLastDays => (asOf - days, asOf),
            _ => (asOf, asOf + days),
        };
    }

    private static bool Equal(string expected, JsonValueKind kind, decimal? number, JsonNode? value) => kind switch
    {
        JsonValueKind.Number => SegmentConditionValidator.TryNumber(expected, out var wanted) && number == wanted,
        JsonValueKind.String or JsonValueKind.True or JsonValueKind.False => string.Equals(Text(value!), expected, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private static string Text(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();

    private static JsonNode? Find(JsonObject traits, string path)
    {
        JsonNode? current = traits;
        foreach (var part in path.Split('.'))
        {
            // As PostgreSQL's #> does: a key in an object, an index in an array (negative counts from the end).
            current = current switch
            {
                JsonObject obj => obj.TryGetPropertyValue(part, out var next) ? next : null,
                JsonArray array when int.TryParse(part, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var index) =>
                    (index < 0 ? index + array.Count : index) is var at && at >= 0 && at < array.Count ? array[at] : null,
                _ => null,
            };
        }

        return current;
    }

    private static decimal Number(string? text) => SegmentConditionValidator.TryNumber(text, out var value) ? value : 0m;

    private static bool Compare(decimal actual, string? op, decimal expected) => op switch
    {
        ConditionOperators.GreaterThan => actual > expected,
        ConditionOperators.AtLeastValue => actual >= expected,
        ConditionOperators.LessThan => actual < expected,
        ConditionOperators.AtMostValue => actual <= expected,
        _ => actual == expected,
    };
}
