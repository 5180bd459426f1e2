using CrmCdp.Web.Modules.Cdp.Segments;

namespace CrmCdp.Web.Modules.Cdp.Insights;

/// <summary>What makes an insight question answerable: events named, filters the segment builder would take, a range and a zone.</summary>
internal static class InsightRequestValidator
{
    public const int MaxSeries = 5;
    public const int MaxSteps = 10;
    public const int MaxPeriods = 31;
    private const int MaxBuckets = 2000;
    private static readonly TimeSpan MaxRange = TimeSpan.FromDays(400);

    public static Dictionary<string, string[]> Check(TrendRequest? request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request?.Series is not { Count: >= 1 and <= MaxSeries } series)
        {
            errors["series"] = [$"Ask for 1 to {MaxSeries} series, each {{ \"event\", \"where\", \"math\" }}."];
            return errors;
        }

        for (var i = 0; i < series.Count; i++)
        {
            CheckEvent(series[i].Event, series[i].Where, $"series[{i}]", errors);
            if (series[i].Math is not (null or InsightMath.Total or InsightMath.UniqueProfiles))
            {
                errors[$"series[{i}].math"] = ["Count the events (\"total\") or the people who did them (\"unique_profiles\")."];
            }
        }

        CheckRange(request.From, request.To, request.TimeZone, errors);
        if (InsightBuckets.Step(request.Interval) is null)
        {
            errors["interval"] = ["The interval is hour, day, week or month."];
        }
        else if (request.From < request.To && InsightBuckets.Count(request.From!.Value, request.To!.Value, request.Interval!) > MaxBuckets)
        {
            errors["interval"] = [$"That range has more than {MaxBuckets:N0} {request.Interval}s; choose a longer interval or a shorter range."];
        }

        CheckBreakdown(request.Breakdown, errors);
        return errors;
    }

    private static void CheckBreakdown(InsightBreakdown? breakdown, Dictionary<string, string[]> errors)
    {
        if (breakdown is not null && (breakdown.Property is null) == (breakdown.Trait is null))
        {
            errors["breakdown"] = ["Break down by an event property ({ \"property\": \"plan\" }) or a trait ({ \"trait\": \"country\" }), one of them."];
        }
        else if (breakdown is not null && (breakdown.Property ?? breakdown.Trait) is { } field && (string.IsNullOrWhiteSpace(field) || field.Length > 200))
        {
            errors["breakdown"] = ["Name the property or trait (at most 200 characters)."];
        }
    }

    public static Dictionary<string, string[]> Check(FunnelRequest? request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request?.Steps is not { Count: >= 2 and <= MaxSteps } steps)
        {
            errors["steps"] = [$"A funnel has 2 to {MaxSteps} steps, each {{ \"event\", \"where\" }}."];
            return errors;
        }

        for (var i = 0; i < steps.Count; i++)
        {
            CheckEvent(steps[i].Event, steps[i].Where, $"steps[{i}]", errors);
        }

        if (InsightBuckets.Window(request.Window) is not { } window || window <= TimeSpan.Zero || window > TimeSpan.FromDays(90))
        {
            errors["window"] = ["Give the conversion window as { \"amount\": 7, \"unit\": \"days\" } (minutes, hours or days; at most 90 days)."];
        }

        CheckRange(request.From, request.To, request.TimeZone, errors);
        CheckBreakdown(request.Breakdown, errors);
        return errors;
    }

    public static Dictionary<string, string[]> Check(RetentionRequest? request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request is null)
        {
            errors["startEvent"] = ["Send { \"startEvent\", \"returnEvent\", \"interval\", \"periods\", \"from\", \"to\" }."];
            return errors;
        }

        CheckEvent(request.StartEvent?.Event, request.StartEvent?.Where, "startEvent", errors);
        CheckEvent(request.ReturnEvent?.Event, request.ReturnEvent?.Where, "returnEvent", errors);
        if (request.Interval is not ("day" or "week"))
        {
            errors["interval"] = ["Cohorts are by day or by week."];
        }

        if (request.Periods is < 1 or > MaxPeriods)
        {
            errors["periods"] = [$"Follow each cohort for 1 to {MaxPeriods} periods."];
        }

        CheckRange(request.From, request.To, request.TimeZone, errors);
        return errors;
    }

    private static void CheckEvent(string? name, List<SegmentCondition>? where, string path, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            errors[$"{path}.event"] = ["Name the event (or type, e.g. page), at most 200 characters."];
            return;
        }

        var condition = new SegmentCondition { Type = ConditionTypes.Event, Event = name, Operator = ConditionOperators.AtLeast, Count = 1, WithinDays = 1, Where = where };
        foreach (var (key, messages) in SegmentConditionValidator.Validate(condition, path, new HashSet<string>(), new HashSet<Guid>()))
        {
            errors[key] = messages;
        }
    }

    public static Dictionary<string, string[]> CheckRange(DateTimeOffset? from, DateTimeOffset? to)
    {
        var errors = new Dictionary<string, string[]>();
        CheckRange(from, to, null, errors);
        return errors;
    }

    private static void CheckRange(DateTimeOffset? from, DateTimeOffset? to, string? timeZone, Dictionary<string, string[]> errors)
    {
        if (from is null || to is null || from >= to)
        {
            errors["from"] = ["Give the range as from and to (ISO 8601), from before to."];
        }
        else if (to - from > MaxRange)
        {
            errors["to"] = [$"A range is at most {MaxRange.TotalDays:N0} days."];
        }

        if (timeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            errors["timeZone"] = [$"'{timeZone}' is not a time zone; use an IANA id such as Europe/Lisbon."];
        }
    }
}

internal static class InsightMath
{
    public const string Total = "total";
    public const string UniqueProfiles = "unique_profiles";
}
