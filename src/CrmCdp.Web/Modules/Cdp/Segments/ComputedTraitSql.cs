using System.Text.Json;
using CrmCdp.Web.Modules.Cdp.Identity;
using Npgsql;
using NpgsqlTypes;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>
/// One computed trait as a query answering (profile_id, value, text_value) for every profile that has a value: its
/// window's events, by profile, aggregated as its kind says. Numbers go to <c>value</c>; text (a first, last or most
/// frequent value that is not a number) to <c>text_value</c>. Every value a user typed is a parameter.
/// </summary>
internal static class ComputedTraitSql
{
    /// <param name="profileIds">A uuid[] parameter name: only these profiles (incremental), or null for every profile.</param>
    public static CompiledSegment Fresh(ComputedTrait trait, DateTimeOffset asOf, string? profileIds)
    {
        var parameters = new List<NpgsqlParameter>
        {
            new("ct_since", NpgsqlDbType.TimestampTz) { Value = asOf - Window(trait) },
            new("ct_as_of", NpgsqlDbType.TimestampTz) { Value = asOf },
            new("ct_names", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = Events(trait).ToArray() },
        };
        string Add(object value, NpgsqlDbType type)
        {
            var name = $"ct{parameters.Count}";
            parameters.Add(new NpgsqlParameter(name, type) { Value = value });
            return "@" + name;
        }

        // The events' properties are read only when a filter or the kind needs them (a join to the events per row).
        var needsProperties = ComputedTraitKinds.NeedsProperty(trait.Kind);
        string Match(string eventName, List<SegmentCondition>? where, int rule)
        {
            needsProperties |= where is { Count: > 0 };
            var filters = SegmentSqlCompiler.PropertyFilters(where ?? [], asOf, $"ct{rule}f");
            parameters.AddRange(filters.Parameters);
            var name = Add(eventName, NpgsqlDbType.Varchar);
            return $"((pe.name = {name} OR pe.type = {name}) AND {filters.Sql})";
        }

        string match;
        string aggregate;
        if (trait.Kind == ComputedTraitKinds.Score)
        {
            var rules = SegmentDefinitions.ParseRules(trait.Rules);
            var matches = rules.Select((r, i) => Match(r.Event, r.Where, i)).ToList();
            var points = rules.Select((r, i) =>
            {
                var halfLife = r.HalfLifeDays ?? trait.HalfLifeDays;
                var decay = halfLife is { } days
                    ? $" * power(0.5, extract(epoch FROM (@ct_as_of - pe.\"timestamp\")) / 86400.0 / {Add(days, NpgsqlDbType.Numeric)})"
                    : "";
                return $"CASE WHEN {matches[i]} THEN {Add(r.Points, NpgsqlDbType.Numeric)}{decay} ELSE 0 END";
            });
            match = "(" + string.Join(" OR ", matches) + ")";
            var sum = $"sum({string.Join(" + ", points)})";
            aggregate = $"to_jsonb(round({(trait.Cap is { } cap ? $"least({sum}, {Add(cap, NpgsqlDbType.Numeric)})" : sum)}, 2))";
        }
        else
        {
            match = Match(trait.Event!, Where(trait), 0);
            var path = Add(trait.Property?.Split('.') ?? [], NpgsqlDbType.Array | NpgsqlDbType.Text);
            var x = $"(pe.properties #> {path})";
            var scalar = $"jsonb_typeof({x}) IN ('string', 'number', 'boolean')";
            var number = $"CASE WHEN jsonb_typeof({x}) = 'number' THEN ({x} #>> '{{}}')::numeric END";
            aggregate = trait.Kind switch
            {
                ComputedTraitKinds.Count => "to_jsonb(count(*))",
                ComputedTraitKinds.Sum => $"to_jsonb(sum({number}))",
                ComputedTraitKinds.Average => $"to_jsonb(round(avg({number}), 4))",
                ComputedTraitKinds.Min => $"to_jsonb(min({number}))",
                ComputedTraitKinds.Max => $"to_jsonb(max({number}))",
                ComputedTraitKinds.First => $"(array_agg({x} ORDER BY pe.\"timestamp\", pe.id) FILTER (WHERE {scalar}))[1]",
                ComputedTraitKinds.Last => $"(array_agg({x} ORDER BY pe.\"timestamp\" DESC, pe.id DESC) FILTER (WHERE {scalar}))[1]",
                ComputedTraitKinds.MostFrequent => $"mode() WITHIN GROUP (ORDER BY {x}) FILTER (WHERE {scalar})",
                ComputedTraitKinds.UniqueCount => $"to_jsonb(count(DISTINCT {x}) FILTER (WHERE {scalar}))",
                ComputedTraitKinds.DaysSinceLast => "to_jsonb(floor(extract(epoch FROM (@ct_as_of - max(pe.\"timestamp\"))) / 86400)::bigint)",
                _ => throw new ArgumentException($"Unknown computed trait kind {trait.Kind}.", nameof(trait)),
            };
        }

        var sql = $"""
            SELECT profile_id, CASE WHEN jsonb_typeof(j) = 'number' THEN (j #>> '{"{}"}')::numeric ELSE 0 END AS value,
                   CASE WHEN jsonb_typeof(j) <> 'number' THEN left(j #>> '{"{}"}', 500) END AS text_value
            FROM (SELECT pe.profile_id, {aggregate} AS j
                  FROM ({EventMembership.RowsOfProfiles("@ct_since", "@ct_as_of", profileIds, withProperties: needsProperties, names: "@ct_names", typesToo: EventMembership.NamesTypes(Events(trait)))}) pe
                  WHERE {match} GROUP BY pe.profile_id) a
            WHERE coalesce(jsonb_typeof(j), 'null') <> 'null'
            """;
        return new CompiledSegment(sql, parameters);
    }

    /// <summary>The events the trait reads.</summary>
    public static IEnumerable<string> Events(ComputedTrait trait) =>
        trait.Kind == ComputedTraitKinds.Score ? SegmentDefinitions.ParseRules(trait.Rules).Select(r => r.Event).Distinct() : [trait.Event!];

    /// <summary>How far back the trait looks.</summary>
    public static TimeSpan Window(ComputedTrait trait) =>
        Within(trait) is { } within ? new SegmentCondition { Within = within }.Window() : TimeSpan.FromDays(trait.WindowDays);

    public static EventWindow? Within(ComputedTrait trait) =>
        trait.Within is null ? null : JsonSerializer.Deserialize<EventWindow>(trait.Within, SegmentDefinitions.Json);

    public static List<SegmentCondition>? Where(ComputedTrait trait) =>
        trait.Where is null ? null : JsonSerializer.Deserialize<List<SegmentCondition>>(trait.Where, SegmentDefinitions.Json);
}
