using System.Text.Json;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>How condition trees and computed-trait rules are stored (jsonb, camelCase, nulls left out).</summary>
internal static class SegmentDefinitions
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(SegmentCondition condition) => JsonSerializer.Serialize(condition, Json);

    public static SegmentCondition Parse(string json) => JsonSerializer.Deserialize<SegmentCondition>(json, Json) ?? new SegmentCondition();

    public static string SerializeRules(IEnumerable<ComputedTraitRule> rules) => JsonSerializer.Serialize(rules, Json);

    public static IReadOnlyList<ComputedTraitRule> ParseRules(string json) => JsonSerializer.Deserialize<List<ComputedTraitRule>>(json, Json) ?? [];

    /// <summary>The segments a tree refers to (its dependencies: they are refreshed first).</summary>
    public static IEnumerable<Guid> ReferencedSegments(SegmentCondition condition) =>
        condition.Walk().Where(c => c.Type == ConditionTypes.Segment && c.SegmentId is not null).Select(c => c.SegmentId!.Value).Distinct();
}
