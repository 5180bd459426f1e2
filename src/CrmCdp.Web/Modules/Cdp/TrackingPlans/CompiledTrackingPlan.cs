using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace CrmCdp.Web.Modules.Cdp.TrackingPlans;

/// <summary>One broken rule of a plan: <see cref="Rule"/> is the event name, <c>identify</c> or <see cref="CompiledTrackingPlan.UnplannedEventRule"/>.</summary>
public sealed record PlanViolation(string Rule, string Message);

/// <summary>What the plan says about one event: its violations, whether it is blocked, whether properties were dropped.</summary>
internal sealed record PlanVerdict(IReadOnlyList<PlanViolation> Violations, bool Block, bool Modified)
{
    public static readonly PlanVerdict Clean = new([], false, false);
}

/// <summary>A source's tracking plan with its schemas built once, checked against every event of the source.</summary>
internal sealed class CompiledTrackingPlan
{
    public const string UnplannedEventRule = "(unplanned event)";
    private const int MaxMessagesPerEvent = 20;
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List };

    private readonly string _mode;
    private readonly Dictionary<string, CompiledRule> _track;
    private readonly CompiledRule? _identify;

    private CompiledTrackingPlan(string mode, Dictionary<string, CompiledRule> track, CompiledRule? identify) =>
        (_mode, _track, _identify) = (mode, track, identify);

    /// <summary>Builds the plan's schemas; throws <see cref="JsonException"/> or <see cref="JsonSchemaException"/> for an invalid one.</summary>
    public static CompiledTrackingPlan Compile(TrackingPlan plan)
    {
        var track = new Dictionary<string, CompiledRule>(StringComparer.Ordinal);
        CompiledRule? identify = null;
        foreach (var rule in plan.Rules)
        {
            var compiled = CompiledRule.Build(rule);
            if (rule.Kind == TrackingPlanRuleKinds.Identify)
            {
                identify = compiled;
            }
            else
            {
                track[rule.Event!] = compiled;
            }
        }

        return new CompiledTrackingPlan(plan.Mode, track, identify);
    }

    public PlanVerdict Check(JsonObject item, string type, string? eventName)
    {
        CompiledRule? rule;
        string field;
        switch (type)
        {
            case "track":
                field = "properties";
                if (!_track.TryGetValue(eventName ?? "", out rule))
                {
                    return new PlanVerdict([new PlanViolation(UnplannedEventRule, $"\"{eventName}\" is not in the tracking plan.")], _mode == TrackingPlanModes.Block, false);
                }

                break;
            case "identify" when _identify is not null:
                (field, rule) = ("traits", _identify);
                break;
            default:
                return PlanVerdict.Clean;
        }

        var violations = new List<PlanViolation>();
        var modified = false;
        var values = item[field] as JsonObject;
        if (_mode == TrackingPlanModes.DropUnplannedProperties && values is not null && rule.Declared is { } declared)
        {
            var unplanned = values.Select(p => p.Key).Where(k => !declared.Contains(k)).ToList();
            foreach (var name in unplanned)
            {
                values.Remove(name);
            }

            if (unplanned.Count > 0)
            {
                modified = true;
                violations.Add(new PlanViolation(rule.Key, $"Dropped unplanned {field}: {string.Join(", ", unplanned)}."));
            }
        }

        var results = rule.Schema.Evaluate(JsonSerializer.SerializeToElement(values ?? []), Options);
        if (!results.IsValid)
        {
            var errors = (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{field}{d.InstanceLocation}: {e.Value}"))
                .DefaultIfEmpty($"{field} do not match the plan's schema.")
                .Take(MaxMessagesPerEvent);
            violations.AddRange(errors.Select(message => new PlanViolation(rule.Key, message)));
        }

        var block = _mode == TrackingPlanModes.Block && violations.Count > 0;
        return violations.Count == 0 && !modified ? PlanVerdict.Clean : new PlanVerdict(violations, block, modified);
    }

    private sealed record CompiledRule(string Key, JsonSchema Schema, HashSet<string>? Declared)
    {
        public static CompiledRule Build(TrackingPlanRule rule)
        {
            // A private registry per schema: the global one would refuse two plans declaring the same $id.
            var schema = JsonSchema.FromText(rule.Schema, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
            using var document = JsonDocument.Parse(rule.Schema);
            var declared = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("properties", out var properties)
                && properties.ValueKind == JsonValueKind.Object
                    ? properties.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
                    : null;
            return new CompiledRule(rule.Kind == TrackingPlanRuleKinds.Identify ? "identify" : rule.Event!, schema, declared);
        }
    }
}
