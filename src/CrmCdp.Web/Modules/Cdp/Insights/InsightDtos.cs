using CrmCdp.Web.Modules.Cdp.Segments;

namespace CrmCdp.Web.Modules.Cdp.Insights;

/// <summary>One event to count: its name (or type, e.g. page) and property filters (the segment operators).</summary>
public sealed record InsightEvent
{
    public string? Event { get; init; }

    public List<SegmentCondition>? Where { get; init; }
}

/// <summary>A trend's series: the event, and what to count of it.</summary>
public sealed record TrendSeries
{
    public string? Event { get; init; }

    public List<SegmentCondition>? Where { get; init; }

    /// <summary>total (events) or unique_profiles (people).</summary>
    public string? Math { get; init; }
}

/// <summary>Split a series by an event property or by a trait of the person (their trait now): the top values, the rest as "Other".</summary>
public sealed record InsightBreakdown
{
    public string? Property { get; init; }

    public string? Trait { get; init; }
}

public sealed record TrendRequest
{
    public List<TrendSeries>? Series { get; init; }

    /// <summary>hour, day, week (from Monday) or month.</summary>
    public string? Interval { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    /// <summary>The zone buckets start in (IANA id); UTC when left out.</summary>
    public string? TimeZone { get; init; }

    public InsightBreakdown? Breakdown { get; init; }

    /// <summary>Also answer each line over the span just before (labelled "… (previous period)", <c>previous: true</c>).</summary>
    public bool Compare { get; init; }
}

/// <param name="T">The bucket's start, in the request's time zone.</param>
public sealed record TrendPoint(DateTimeOffset T, long Value);

public sealed record TrendLine(string Label, IReadOnlyList<TrendPoint> Points)
{
    /// <summary>The line's total over the range.</summary>
    public long Total => Points.Sum(p => p.Value);

    /// <summary>Whether the line is the previous period's (a comparison), drawn on the current period's buckets.</summary>
    public bool Previous { get; init; }
}

public sealed record TrendResult(IReadOnlyList<TrendLine> Series);

public sealed record InsightWindow
{
    public int Amount { get; init; }

    /// <summary>minutes, hours or days.</summary>
    public string? Unit { get; init; }
}

public record FunnelRequest
{
    public List<InsightEvent>? Steps { get; init; }

    /// <summary>How long after the first step a person has to reach the last.</summary>
    public InsightWindow? Window { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public string? TimeZone { get; init; }

    /// <summary>Splits the funnel by the value of the entry event's property, or of the person's trait: the top 10 and "Other".</summary>
    public InsightBreakdown? Breakdown { get; init; }
}

/// <param name="Value">The property's or trait's value ("(none)" without one, "Other" for the rest).</param>
/// <param name="Counts">People who reached each step.</param>
/// <param name="ConversionRates">Of this value's entrants, the share who reached each step (0–1).</param>
public sealed record FunnelBreakdownRow(string Value, IReadOnlyList<long> Counts, IReadOnlyList<double> ConversionRates);

/// <param name="Count">People who reached the step (in order, within the window).</param>
/// <param name="ConversionRate">Of the people who did the first step, the share who reached this one (0–1).</param>
/// <param name="MedianSecondsToConvert">The median time from the step before to this one; null for the first.</param>
public sealed record FunnelStep(string Event, long Count, double ConversionRate, double? MedianSecondsToConvert)
{
    /// <summary>Of the people at the step before, the share who reached this one (1 for the first).</summary>
    public double ConversionFromPrevious { get; init; }

    /// <summary>People at the step before who did not reach this one.</summary>
    public long Dropped { get; init; }
}

public sealed record FunnelResult(IReadOnlyList<FunnelStep> Steps)
{
    /// <summary>With a breakdown: each value's counts per step, the largest entries first.</summary>
    public IReadOnlyList<FunnelBreakdownRow>? Breakdown { get; init; }
}

/// <summary>A funnel and one of its steps' people: <c>step</c> (0-based), <c>status</c> converted (reached it) or dropped (reached the step before, not it).</summary>
public sealed record FunnelPeopleRequest : FunnelRequest
{
    public int? Step { get; init; }

    /// <summary>converted or dropped.</summary>
    public string? Status { get; init; }

    /// <summary>How many people to list (1–1,000, default 100); the total is always counted.</summary>
    public int? Limit { get; init; }

    /// <summary>The segment's name, when the people become a segment.</summary>
    public string? Name { get; init; }
}

/// <param name="Label">The person's email, user id or anonymous id (personal values masked as the caller's role requires).</param>
/// <param name="EnteredAt">When they did the funnel's first step.</param>
public sealed record FunnelPerson(Guid ProfileId, string Label, DateTimeOffset EnteredAt);

public sealed record FunnelPeopleResult(long Total, IReadOnlyList<FunnelPerson> People);

/// <summary>Cohorts of people by the day or week of their first start event, and how many came back with the return event each period after.</summary>
public sealed record RetentionRequest
{
    public InsightEvent? StartEvent { get; init; }

    public InsightEvent? ReturnEvent { get; init; }

    /// <summary>day or week.</summary>
    public string? Interval { get; init; }

    /// <summary>How many periods to follow each cohort (period 0 is the cohort's own).</summary>
    public int Periods { get; init; } = 8;

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public string? TimeZone { get; init; }
}

/// <param name="Start">The cohort's day or week, in the request's zone.</param>
/// <param name="Size">People whose first start event in the range fell in it.</param>
/// <param name="Values">People who came back in each period after (0 = the cohort's own); null for a period still to come.</param>
public sealed record RetentionCohort(DateTimeOffset Start, long Size, IReadOnlyList<long?> Values);

public sealed record RetentionResult(IReadOnlyList<RetentionCohort> Cohorts);
