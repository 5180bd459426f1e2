using System.Globalization;
using System.Text;
using CrmCdp.Web.Modules.Cdp.Identity;
using Npgsql;
using NpgsqlTypes;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>What a compiled segment query needs besides the tree.</summary>
/// <param name="AsOf">Event windows end here (the in-memory evaluator uses the same instant).</param>
/// <param name="ProfileIds">When set, only these profiles are evaluated (incremental refresh).</param>
/// <param name="Events">With <paramref name="ProfileIds"/>, those profiles' events already read for the pass; used when they cover the segment's reads.</param>
internal sealed record SegmentQueryOptions(DateTimeOffset AsOf, Guid[]? ProfileIds = null, PassEvents? Events = null);

/// <summary>What one event condition reads: the event (a name or a type), from when, and whether it filters on properties.</summary>
internal sealed record EventRead(string Event, DateTimeOffset Since, bool Filtered);

internal sealed record CompiledSegment(string Sql, IReadOnlyList<NpgsqlParameter> Parameters)
{
    public void AddTo(NpgsqlCommand command)
    {
        foreach (var parameter in Parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }
    }
}

/// <summary>
/// Compiles a condition tree into one query answering the ids of the live profiles that match. Every value a user
/// typed is a parameter; the SQL text only ever holds parameter names the compiler chose. Each leaf is
/// <c>coalesce(…, false)</c>, so missing traits are false (never NULL) and NOT is an exact complement, as in
/// <see cref="SegmentEvaluator"/>.
/// </summary>
internal static class SegmentSqlCompiler
{
    public static CompiledSegment Compile(SegmentCondition root, SegmentQueryOptions options)
    {
        var context = new Context(options);
        var usesEvents = root.Walk().Any(n => n.Type == ConditionTypes.Event);
        var necessary = usesEvents ? Conjuncts(root).Where(c => !c.Walk().Any(n => n.Type == ConditionTypes.Event)).ToList() : [];
        var sql = new StringBuilder();
        var live = "p.merged_into_id IS NULL" + (options.ProfileIds is null ? "" : $" AND p.id = ANY({context.Add(options.ProfileIds, NpgsqlDbType.Array | NpgsqlDbType.Uuid)})");
        if (necessary.Count > 0)
        {
            // Profiles are judged once on the conditions that need no events; events are counted for the survivors only.
            // The candidates keep what the other conditions read of the profile (its id and traits), so the final
            // judgement needs no second probe of every candidate's row (about 1 s for 266,667 at a million).
            sql.Append(CultureInfo.InvariantCulture, $"""
                WITH candidates AS MATERIALIZED (SELECT p.id, p.traits FROM cdp_profiles p WHERE {live} AND {string.Join(" AND ", necessary.Select(context.Predicate))}),

                """);
            context.Assumed.UnionWith(necessary);
        }

        var predicate = context.Predicate(root);
        if (!usesEvents)
        {
            sql.Append(CultureInfo.InvariantCulture, $"SELECT p.id FROM cdp_profiles p WHERE {live} AND ({predicate})");
            return new CompiledSegment(sql.ToString(), context.Parameters);
        }

        var since = context.Add(context.EventCounts.Min(e => e.Since), NpgsqlDbType.TimestampTz);
        var asOf = context.Add(options.AsOf, NpgsqlDbType.TimestampTz);
        var ids = options.ProfileIds is null ? null : context.Add(options.ProfileIds, NpgsqlDbType.Array | NpgsqlDbType.Uuid);
        // Only the events some condition counts are read and grouped.
        string[] eventNames = [.. root.Walk().Where(n => n.Type == ConditionTypes.Event).Select(n => n.Event!).Distinct()];
        var names = context.Add(eventNames, NpgsqlDbType.Array | NpgsqlDbType.Text);
        var counts = string.Join(", ", context.EventCounts.Select((e, n) => e.Aggregate is null
            ? $"count(*) FILTER (WHERE (pe.name = {e.Name} OR pe.type = {e.Name}) AND {e.TimeFilter}{(e.Filters is null ? "" : $" AND {e.Filters}")}) AS c{n}"
            : $"{e.Aggregate}(pe.\"timestamp\") FILTER (WHERE (pe.name = {e.Name} OR pe.type = {e.Name}){(e.Filters is null ? "" : $" AND {e.Filters}")}) AS c{n}"));
        var withProperties = context.EventCounts.Any(e => e.Filters is not null);
        var restricted = necessary.Count > 0;
        var narrower = restricted && ids is not null ? "SELECT id FROM candidates" : null;
        var typesToo = EventMembership.NamesTypes(eventNames);
        var rows = ids is not null && options.Events is { } pass && pass.Covers(context.EventCounts.Select(e => e.Read))
            ? PassEvents.Rows(since, asOf, narrower, names, typesToo)
            : EventMembership.RowsOfProfiles(since, asOf, ids, narrower, withProperties, names, typesToo);
        sql.Append(CultureInfo.InvariantCulture, $"""
            {(restricted ? "" : "WITH ")}ev AS (
                SELECT pe.profile_id, {counts} FROM (
            {rows}
                ) pe GROUP BY pe.profile_id)
            SELECT p.id FROM {(restricted ? "candidates p" : "cdp_profiles p")} LEFT JOIN ev ON ev.profile_id = p.id
            WHERE {(restricted ? "true" : live)} AND ({predicate})
            """);
        return new CompiledSegment(sql.ToString(), context.Parameters);
    }

    /// <summary>The events a tree's conditions read, for a pass that reads them once for every segment (<see cref="PassEvents"/>).</summary>
    public static IEnumerable<EventRead> EventReads(SegmentCondition root, DateTimeOffset asOf)
    {
        var context = new Context(new SegmentQueryOptions(asOf));
        context.Predicate(root);
        return context.EventCounts.Select(e => e.Read);
    }

    /// <summary>Property filters of an event (over <c>pe.properties</c>), with parameters named from <paramref name="prefix"/> so several can share a command.</summary>
    public static CompiledSegment PropertyFilters(IReadOnlyList<SegmentCondition> where, DateTimeOffset asOf, string prefix)
    {
        var context = new Context(new SegmentQueryOptions(asOf), prefix);
        var sql = where.Count == 0 ? "true" : string.Join(" AND ", where.Select(f => context.Json(f, "pe.properties")));
        return new CompiledSegment(sql, context.Parameters);
    }

    /// <summary>The conditions that must all hold: the children of the root "all" group, and of "all" groups within it.</summary>
    private static IEnumerable<SegmentCondition> Conjuncts(SegmentCondition node) =>
        node.Type == ConditionTypes.And ? node.Conditions!.SelectMany(Conjuncts) : [node];

    /// <param name="Event">The condition's event (its name or a type), as typed.</param>
    /// <param name="Name">The parameter holding <paramref name="Event"/>.</param>
    /// <param name="Filters">The property filters' SQL over <c>pe.properties</c>, when the condition has any.</param>
    /// <param name="Aggregate">min or max of the times (a first or last occurrence, over all history); null for a count in the window.</param>
    /// <param name="Since">The earliest event time the condition needs (the events read start after it).</param>
    /// <param name="TimeFilter">Which of the read events a count takes, over <c>pe."timestamp"</c>.</param>
    private sealed record EventCount(string Event, string Name, DateTimeOffset Since, string TimeFilter, string? Filters, string? Aggregate = null)
    {
        public EventRead Read => new(Event, Since, Filters is not null);
    }

    /// <summary>How far back a first or last occurrence looks: all of history (before any event time the collection API accepts).</summary>
    private static readonly DateTimeOffset AllHistory = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private sealed class Context(SegmentQueryOptions options, string prefix = "p")
    {
        public List<NpgsqlParameter> Parameters { get; } = [];

        public List<EventCount> EventCounts { get; } = [];

        /// <summary>Conditions every profile in the query already meets (the candidates' filter): they compile to true.</summary>
        public HashSet<SegmentCondition> Assumed { get; } = new(ReferenceEqualityComparer.Instance);

        public string Add(object value, NpgsqlDbType type)
        {
            var name = $"{prefix}{Parameters.Count}";
            Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
            return "@" + name;
        }

        public string Predicate(SegmentCondition node) => Assumed.Contains(node) ? "true" : node.Type switch
        {
            ConditionTypes.And => "(" + string.Join(" AND ", node.Conditions!.Select(Predicate)) + ")",
            ConditionTypes.Or => "(" + string.Join(" OR ", node.Conditions!.Select(Predicate)) + ")",
            ConditionTypes.Not => $"NOT {Predicate(node.Condition!)}",
            ConditionTypes.Trait => Json(node, "p.traits"),
            ConditionTypes.Computed => Computed(node),
            ConditionTypes.Event => Event(node),
            ConditionTypes.Segment =>
                $"EXISTS (SELECT 1 FROM cdp_segment_members m WHERE m.segment_id = {Add(node.SegmentId!.Value, NpgsqlDbType.Uuid)} AND m.profile_id = p.id)",
            _ => throw new ArgumentException($"Unknown condition type {node.Type}; validate the tree first.", nameof(node)),
        };

        /// <summary>A trait (of <c>p.traits</c>) or an event property (of <c>pe.properties</c>) compared as the operator says.</summary>
        public string Json(SegmentCondition node, string document)
        {
            var path = Add(node.Field!.Split('.'), NpgsqlDbType.Array | NpgsqlDbType.Text);
            var json = $"({document} #> {path})";
            var text = $"({document} #>> {path})";
            var scalar = $"jsonb_typeof({json}) IN ('string', 'number', 'boolean')";
            var number = $"CASE WHEN jsonb_typeof({json}) = 'number' THEN {text}::numeric END";
            return node.Operator switch
            {
                ConditionOperators.EqualTo => Equality(node, json, scalar, number, text),
                ConditionOperators.NotEqualTo => $"NOT {Equality(node, json, scalar, number, text)}",
                ConditionOperators.Contains => Contains(node, json, scalar, text),
                ConditionOperators.StartsWith => $"coalesce(CASE WHEN {scalar} THEN starts_with(lower({text}), lower({Add(node.Value!, NpgsqlDbType.Text)})) END, false)",
                ConditionOperators.EndsWith => EndsWith(node, scalar, text),
                ConditionOperators.OneOf => OneOf(node, json, scalar, number, text),
                ConditionOperators.Between => ConditionOperators.Bounds(node.Value) is { } bounds
                    ? $"coalesce({number} BETWEEN {Add(bounds.Low, NpgsqlDbType.Numeric)} AND {Add(bounds.High, NpgsqlDbType.Numeric)}, false)"
                    : "false",
                _ when ConditionOperators.Dates.Contains(node.Operator!) => Date(node, json, text),
                ConditionOperators.IsTrue => $"coalesce({json} = 'true'::jsonb, false)",
                ConditionOperators.IsFalse => $"coalesce({json} = 'false'::jsonb, false)",
                ConditionOperators.Exists => $"coalesce(jsonb_typeof({json}), 'null') <> 'null'",
                ConditionOperators.NotExists => $"coalesce(jsonb_typeof({json}), 'null') = 'null'",
                _ => $"coalesce({number} {Comparison(node.Operator)} {Number(node.Value)}, false)",
            };
        }

        // Text contains the value (without case); a list contains it when one of its plain values does.
        private string Contains(SegmentCondition node, string json, string scalar, string text)
        {
            var value = Add(node.Value!, NpgsqlDbType.Text);
            const string whole = "'{}'";
            return $"""
                coalesce(CASE WHEN {scalar} THEN strpos(lower({text}), lower({value})) > 0
                WHEN jsonb_typeof({json}) = 'array' THEN EXISTS (SELECT 1 FROM jsonb_array_elements({json}) x
                    WHERE jsonb_typeof(x) IN ('string', 'number', 'boolean') AND strpos(lower(x #>> {whole}), lower({value})) > 0) END, false)
                """;
        }

        // Only ISO 8601 text is a date (TraitDates); cdp_try_timestamptz reads it in UTC and answers NULL for an impossible one.
        private string Date(SegmentCondition node, string json, string text)
        {
            var (from, to) = SegmentEvaluator.DateRange(node, options.AsOf);
            var date = $"(CASE WHEN jsonb_typeof({json}) = 'string' AND {text} ~ {Add(TraitDates.SqlPattern, NpgsqlDbType.Text)} THEN cdp_try_timestamptz({text}) END)";
            var inclusive = node.Operator is ConditionOperators.WithinLastDays or ConditionOperators.WithinNextDays;
            var lower = from is { } f ? $"{date} {(inclusive ? ">=" : ">")} {Add(f, NpgsqlDbType.TimestampTz)}" : "true";
            var upper = to is { } t ? $"{date} {(inclusive ? "<=" : "<")} {Add(t, NpgsqlDbType.TimestampTz)}" : "true";
            return $"coalesce({date} IS NOT NULL AND {lower} AND {upper}, false)";
        }

        private string EndsWith(SegmentCondition node, string scalar, string text)
        {
            var value = Add(node.Value!, NpgsqlDbType.Text);
            return $"coalesce(CASE WHEN {scalar} THEN right(lower({text}), char_length(lower({value}))) = lower({value}) END, false)";
        }

        // Each item as "equals" would compare it: as a number with a number, else as case-insensitive text.
        private string OneOf(SegmentCondition node, string json, string scalar, string number, string text)
        {
            var items = ConditionOperators.Items(node.Value);
            var numbers = items.Select(i => SegmentConditionValidator.TryNumber(i, out var n) ? n : (decimal?)null).OfType<decimal>().ToArray();
            var texts = Add(items.Select(i => i.ToLowerInvariant()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            var numeric = numbers.Length == 0 ? "false" : $"{number} = ANY({Add(numbers, NpgsqlDbType.Array | NpgsqlDbType.Numeric)})";
            return $"coalesce(CASE WHEN jsonb_typeof({json}) = 'number' THEN {numeric} WHEN {scalar} THEN lower({text}) = ANY({texts}) END, false)";
        }

        // Numbers compare as numbers (5 equals 5.0), everything else as case-insensitive text.
        private string Equality(SegmentCondition node, string json, string scalar, string number, string text)
        {
            var numeric = SegmentConditionValidator.TryNumber(node.Value, out var value)
                ? $"{number} = {Add(value, NpgsqlDbType.Numeric)}"
                : "false";
            return $"coalesce(CASE WHEN jsonb_typeof({json}) = 'number' THEN {numeric} WHEN {scalar} THEN lower({text}) = lower({Add(node.Value!, NpgsqlDbType.Text)}) END, false)";
        }

        // The value as a one-key document, so numbers and text compare as a trait's do; a missing value is 0.
        private string Computed(SegmentCondition node)
        {
            var key = Add(node.Field!, NpgsqlDbType.Varchar);
            var value = "coalesce((SELECT CASE WHEN c.text_value IS NULL THEN to_jsonb(c.value) ELSE to_jsonb(c.text_value) END " +
                $"FROM cdp_profile_computed c WHERE c.profile_id = p.id AND c.key = {key}), '0'::jsonb)";
            return Json(node, $"jsonb_build_object({key}, {value})");
        }

        private string Event(SegmentCondition node)
        {
            var edge = options.AsOf - node.Window();
            var filters = node.Where is { Count: > 0 } where ? string.Join(" AND ", where.Select(f => Json(f, "pe.properties"))) : null;
            var name = Add(node.Event!, NpgsqlDbType.Varchar);
            if (node.Operator is ConditionOperators.LastBefore or ConditionOperators.FirstWithin)
            {
                var last = node.Operator == ConditionOperators.LastBefore;
                EventCounts.Add(new EventCount(node.Event!, name, AllHistory, "true", filters, last ? "max" : "min"));
                return $"coalesce(ev.c{EventCounts.Count - 1} {(last ? "<=" : ">")} {Add(edge, NpgsqlDbType.TimestampTz)}, false)";
            }

            EventCounts.Add(node.Ever == true ? new EventCount(node.Event!, name, AllHistory, "true", filters)
                : node.Between?.Range() is { } range
                    ? new EventCount(node.Event!, name, range.From.AddTicks(-10), $"pe.\"timestamp\" >= {Add(range.From, NpgsqlDbType.TimestampTz)} AND pe.\"timestamp\" < {Add(range.To, NpgsqlDbType.TimestampTz)}", filters)
                    : new EventCount(node.Event!, name, edge, $"pe.\"timestamp\" > {Add(edge, NpgsqlDbType.TimestampTz)}", filters));
            var op = node.Operator switch
            {
                ConditionOperators.AtLeast => ">=",
                ConditionOperators.AtMost => "<=",
                _ => "=",
            };
            return $"coalesce(ev.c{EventCounts.Count - 1}, 0) {op} {Add((long)node.Count!.Value, NpgsqlDbType.Bigint)}";
        }

        private string Number(string? text) =>
            Add(SegmentConditionValidator.TryNumber(text, out var value) ? value : 0m, NpgsqlDbType.Numeric);

        private static string Comparison(string? op) => op switch
        {
            ConditionOperators.GreaterThan => ">",
            ConditionOperators.AtLeastValue => ">=",
            ConditionOperators.LessThan => "<",
            ConditionOperators.AtMostValue => "<=",
            _ => "=",
        };
    }
}
