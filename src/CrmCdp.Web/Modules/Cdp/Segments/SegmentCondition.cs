namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>
/// One node of a segment's condition tree: a group (<c>and</c> / <c>or</c> over <see cref="Conditions"/>), a
/// negation (<c>not</c> of <see cref="Condition"/>), or a leaf: <c>trait</c>, <c>event</c> (count in a window),
/// <c>computed</c> (a computed trait's value) or <c>segment</c> (membership of another segment).
/// CRM fields are the profile's <c>crm_*</c> traits, so they are trait conditions.
/// </summary>
public sealed class SegmentCondition
{
    public string? Type { get; set; }

    public List<SegmentCondition>? Conditions { get; set; }

    public SegmentCondition? Condition { get; set; }

    /// <summary>A trait's name (dots reach into objects: <c>address.city</c>) or a computed trait's key.</summary>
    public string? Field { get; set; }

    public string? Operator { get; set; }

    /// <summary>What a trait or computed trait is compared with (a number for gt / gte / lt / lte).</summary>
    public string? Value { get; set; }

    /// <summary>An event's name (a track event's or a page's) or type (page, screen, identify, …): either matches.</summary>
    public string? Event { get; set; }

    public int? Count { get; set; }

    /// <summary>An event condition's window in days (kept for older definitions; <see cref="Within"/> also takes minutes and hours).</summary>
    public int? WithinDays { get; set; }

    /// <summary>An event condition's window: <c>{ "amount": N, "unit": "minutes" | "hours" | "days" }</c>.</summary>
    public EventWindow? Within { get; set; }

    /// <summary>An event condition's property filters (<c>{ field, operator, value }</c>, the trait operators): an event counts when it meets all.</summary>
    public List<SegmentCondition>? Where { get; set; }

    /// <summary>An event condition's window between two ISO 8601 dates or times: from (inclusive) to (exclusive).</summary>
    public EventDates? Between { get; set; }

    /// <summary>An event condition over all of the profile's history (true; left out otherwise).</summary>
    public bool? Ever { get; set; }

    public Guid? SegmentId { get; set; }

    public static SegmentCondition All(params SegmentCondition[] conditions) => new() { Type = ConditionTypes.And, Conditions = [.. conditions] };

    public static SegmentCondition Any(params SegmentCondition[] conditions) => new() { Type = ConditionTypes.Or, Conditions = [.. conditions] };

    public static SegmentCondition Not(SegmentCondition condition) => new() { Type = ConditionTypes.Not, Condition = condition };

    public static SegmentCondition Trait(string field, string op, string? value = null) => new() { Type = ConditionTypes.Trait, Field = field, Operator = op, Value = value };

    public static SegmentCondition Performed(string eventName, string op, int count, int withinDays) =>
        new() { Type = ConditionTypes.Event, Event = eventName, Operator = op, Count = count, WithinDays = withinDays };

    public static SegmentCondition Computed(string key, string op, string value) => new() { Type = ConditionTypes.Computed, Field = key, Operator = op, Value = value };

    public static SegmentCondition InSegment(Guid segmentId) => new() { Type = ConditionTypes.Segment, SegmentId = segmentId };

    public SegmentCondition Clone() => new()
    {
        Type = Type,
        Conditions = Conditions?.Select(c => c.Clone()).ToList(),
        Condition = Condition?.Clone(),
        Field = Field,
        Operator = Operator,
        Value = Value,
        Event = Event,
        Count = Count,
        WithinDays = WithinDays,
        Within = Within is null ? null : new EventWindow { Amount = Within.Amount, Unit = Within.Unit },
        Where = Where?.Select(f => f.Clone()).ToList(),
        Between = Between is null ? null : new EventDates { From = Between.From, To = Between.To },
        Ever = Ever,
        SegmentId = SegmentId,
    };

    /// <summary>An event condition's window as a span (validated first: one of the two forms is set).</summary>
    public TimeSpan Window() => Within is { Amount: { } amount, Unit: { } unit }
        ? unit switch
        {
            EventWindow.Minutes => TimeSpan.FromMinutes(amount),
            EventWindow.Hours => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromDays(amount),
        }
        : TimeSpan.FromDays(WithinDays ?? 0);

    /// <summary>Whether an event at <paramref name="time"/> counts for this event condition's window at <paramref name="asOf"/> (validated first).</summary>
    public bool InWindow(DateTimeOffset time, DateTimeOffset asOf) =>
        time <= asOf && (Ever == true
            || (Between?.Range() is { } range ? time >= range.From && time < range.To : time > asOf - Window()));

    /// <summary>Every node of the tree, this one first (only the children its type has: a group's conditions, a negation's condition).</summary>
    public IEnumerable<SegmentCondition> Walk()
    {
        yield return this;
        IEnumerable<SegmentCondition?> children = Type switch
        {
            ConditionTypes.And or ConditionTypes.Or => Conditions ?? [],
            ConditionTypes.Not => Condition is null ? [] : new[] { Condition },
            _ => [],
        };
        foreach (var child in children.OfType<SegmentCondition>())
        {
            foreach (var node in child.Walk())
            {
                yield return node;
            }
        }
    }
}

/// <summary>Two ISO 8601 dates or times bounding an event condition's window.</summary>
public sealed class EventDates
{
    public string? From { get; set; }

    public string? To { get; set; }

    /// <summary>The bounds as instants, when both are dates (<see cref="TraitDates"/>).</summary>
    public (DateTimeOffset From, DateTimeOffset To)? Range() =>
        TraitDates.Parse(From) is { } from && TraitDates.Parse(To) is { } to ? (from, to) : null;
}

/// <summary>How far back an event condition looks.</summary>
public sealed class EventWindow
{
    public const string Minutes = "minutes";
    public const string Hours = "hours";
    public const string Days = "days";

    public static IReadOnlyList<string> Units { get; } = [Minutes, Hours, Days];

    public int? Amount { get; set; }

    public string? Unit { get; set; }
}

public static class ConditionTypes
{
    public const string And = "and";
    public const string Or = "or";
    public const string Not = "not";
    public const string Trait = "trait";
    public const string Event = "event";
    public const string Computed = "computed";
    public const string Segment = "segment";

    public static IReadOnlyList<string> All { get; } = [And, Or, Not, Trait, Event, Computed, Segment];
}

public static class ConditionOperators
{
    public const string EqualTo = "equals";
    public const string NotEqualTo = "not_equals";
    public const string Contains = "contains";
    public const string Exists = "exists";
    public const string NotExists = "not_exists";
    public const string GreaterThan = "gt";
    public const string AtLeastValue = "gte";
    public const string LessThan = "lt";
    public const string AtMostValue = "lte";
    public const string AtLeast = "at_least";
    public const string AtMost = "at_most";
    public const string Exactly = "exactly";
    public const string StartsWith = "starts_with";
    public const string EndsWith = "ends_with";
    public const string OneOf = "one_of";
    public const string Between = "between";
    public const string IsTrue = "is_true";
    public const string IsFalse = "is_false";
    public const string Before = "before";
    public const string After = "after";
    public const string WithinLastDays = "within_last_days";
    public const string WithinNextDays = "within_next_days";

    /// <summary>Operators over dates: traits holding an ISO 8601 date or time (<see cref="TraitDates"/>).</summary>
    public static IReadOnlyList<string> Dates { get; } = [Before, After, WithinLastDays, WithinNextDays];

    public static IReadOnlyList<string> Numeric { get; } = [GreaterThan, AtLeastValue, LessThan, AtMostValue];

    public static IReadOnlyList<string> ForTraits { get; } =
        [EqualTo, NotEqualTo, Contains, StartsWith, EndsWith, OneOf, Exists, NotExists, .. Numeric, Between, IsTrue, IsFalse, .. Dates];

    /// <summary>The items of a <c>one_of</c> value: comma-separated, trimmed, blanks left out.</summary>
    public static IReadOnlyList<string> Items(string? value) =>
        [.. (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>The bounds of a <c>between</c> value ("10, 20", inclusive), when both are numbers.</summary>
    public static (decimal Low, decimal High)? Bounds(string? value) => Items(value) is [var low, var high]
        && SegmentConditionValidator.TryNumber(low, out var from) && SegmentConditionValidator.TryNumber(high, out var to) ? (from, to) : null;

    public static IReadOnlyList<string> ForComputed { get; } = [EqualTo, NotEqualTo, .. Numeric, Between, OneOf, Contains, StartsWith, EndsWith];

    /// <summary>The last occurrence (ever) lies before the window: "last Order Completed more than 30 days ago".</summary>
    public const string LastBefore = "last_before";

    /// <summary>The first occurrence (ever) lies within the window: "first Signed Up in the last 7 days".</summary>
    public const string FirstWithin = "first_within";

    /// <summary>Event operators about when the first or last occurrence was, not how many there were (they take no count).</summary>
    public static IReadOnlyList<string> Occurrences { get; } = [LastBefore, FirstWithin];

    public static IReadOnlyList<string> ForEvents { get; } = [AtLeast, AtMost, Exactly, .. Occurrences];

    public static bool NeedsValue(string? op) => op is not (Exists or NotExists or IsTrue or IsFalse);
}
