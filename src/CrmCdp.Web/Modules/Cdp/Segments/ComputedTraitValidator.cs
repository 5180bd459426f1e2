using System.Text.Json;
using System.Text.RegularExpressions;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>
/// Checks a computed trait before it is saved; errors name the field (<c>kind</c>, <c>property</c>,
/// <c>where[0].value</c>, <c>within.amount</c>, <c>rules[1].halfLifeDays</c>). The event, its property filters and the
/// window are checked as a segment's event condition would be.
/// </summary>
internal static partial class ComputedTraitValidator
{
    public static Dictionary<string, string[]> Validate(ComputedTraitInput input, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        var kind = input.Kind ?? ComputedTraitKinds.Score;
        if (creating && (input.Key is null || !KeyPattern().IsMatch(input.Key)))
        {
            errors["key"] = ["The key is 1 to 64 lower-case letters, digits and underscores, starting with a letter (e.g. intent_score)."];
        }

        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 100)
        {
            errors["name"] = ["Give the computed trait a name of 1 to 100 characters."];
        }

        if (!ComputedTraitKinds.All.Contains(kind))
        {
            errors["kind"] = [$"The kind is one of: {string.Join(", ", ComputedTraitKinds.All)}."];
            return errors;
        }

        if (input.Within is not null && input.WindowDays is not null)
        {
            errors["within"] = ["Give the window once: \"within\" or \"windowDays\"."];
        }
        else if (input.WindowDays is not null and not (>= 1 and <= SegmentConditionValidator.MaxWindowDays))
        {
            errors["windowDays"] = [$"The window is 1 to {SegmentConditionValidator.MaxWindowDays} days."];
        }

        // The event, its filters and the window, as a segment's event condition.
        var node = EventNode(kind == ComputedTraitKinds.Score ? "score" : input.Event, input.Where, input.Within);
        foreach (var (path, messages) in SegmentConditionValidator.Validate(node, "", new HashSet<string>(), new HashSet<Guid>()))
        {
            errors.TryAdd(path.TrimStart('.'), messages);
        }

        if (ComputedTraitKinds.NeedsProperty(kind) && (string.IsNullOrWhiteSpace(input.Property) || input.Property.Length > 100 || input.Property.Split('.').Any(p => p.Length == 0)))
        {
            errors["property"] = ["Name the event property this kind reads (1 to 100 characters; dots reach into objects, e.g. product.price)."];
        }

        if (kind == ComputedTraitKinds.Score)
        {
            CheckScore(input, errors);
        }
        else if (input.Cap is not null || input.HalfLifeDays is not null || input.Rules is { Count: > 0 })
        {
            errors[input.Cap is not null ? "cap" : input.HalfLifeDays is not null ? "halfLifeDays" : "rules"] = ["Rules, half-life and cap belong to a score (kind \"score\")."];
        }

        return errors;
    }

    /// <summary>The trait's event, filters and window as an event condition (the window defaults to <c>windowDays</c>).</summary>
    public static SegmentCondition EventNode(string? eventName, List<SegmentCondition>? where, EventWindow? within, int? windowDays = 1) => new()
    {
        Type = ConditionTypes.Event,
        Event = eventName,
        Operator = ConditionOperators.AtLeast,
        Count = 1,
        Where = where is { Count: > 0 } ? where : null,
        Within = within,
        WithinDays = within is null ? windowDays : null,
    };

    private static void CheckScore(ComputedTraitInput input, Dictionary<string, string[]> errors)
    {
        if (input.Rules is not { Count: > 0 and <= 50 })
        {
            errors["rules"] = ["Give 1 to 50 rules: an event and the points it is worth."];
        }
        else
        {
            for (var i = 0; i < input.Rules.Count; i++)
            {
                if (input.Rules[i] is not { Event: { } name } rule || string.IsNullOrWhiteSpace(name) || name.Length > 255)
                {
                    errors[$"rules[{i}].event"] = ["Name the event (1 to 255 characters), e.g. Pricing Viewed or page."];
                    continue;
                }

                var same = JsonSerializer.Serialize(rule.Where ?? [], SegmentDefinitions.Json);
                if (input.Rules.Take(i).Any(r => r?.Event?.Trim() == name.Trim() && JsonSerializer.Serialize(r.Where ?? [], SegmentDefinitions.Json) == same))
                {
                    errors[$"rules[{i}].event"] = [$"{name} is listed twice with the same filters; give it one rule."];
                }
                else if (rule.Points is < -1000 or > 1000)
                {
                    errors[$"rules[{i}].points"] = ["Points are -1,000 to 1,000."];
                }
                else if (rule.HalfLifeDays is not null and not (>= 0.1m and <= 3650))
                {
                    errors[$"rules[{i}].halfLifeDays"] = ["The half-life is 0.1 to 3,650 days, or empty for no decay."];
                }

                foreach (var (path, messages) in SegmentConditionValidator.Validate(EventNode(name, rule.Where, null), $"rules[{i}]", new HashSet<string>(), new HashSet<Guid>()))
                {
                    errors.TryAdd(path, messages);
                }
            }
        }

        if (input.HalfLifeDays is not null and not (>= 0.1m and <= 3650))
        {
            errors["halfLifeDays"] = ["The half-life is 0.1 to 3,650 days, or empty for no decay."];
        }

        if (input.Cap is <= 0 or > 1_000_000)
        {
            errors["cap"] = ["The cap is a positive number up to 1,000,000, or empty for none."];
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex KeyPattern();
}
