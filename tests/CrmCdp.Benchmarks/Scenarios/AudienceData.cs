using CrmCdp.Web.Modules.Cdp.Segments;
using Npgsql;

namespace CrmCdp.Benchmarks.Scenarios;

/// <summary>The audiences scenario's data: profiles with traits, their events over 30 days, and twenty segments of the shapes marketers build.</summary>
internal static class AudienceData
{
    /// <summary>The event-count thresholds of the segments the latency is measured on (the load's users cross them one event a second).</summary>
    public static readonly int[] LatencyThresholds = [1, 3, 8, 15];

    /// <param name="days">The span the events fall in, up to now (the monthly partitions exist a year back).</param>
    public static async Task GenerateAsync(string connectionString, int profiles, int eventsPerProfile, int days = 30)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO cdp_profiles (id, traits, trait_sources, consent, first_seen_at, last_seen_at, event_count, created_at, updated_at)
            SELECT md5('p' || g)::uuid, jsonb_build_object('plan', (ARRAY['pro', 'free', 'team'])[1 + g % 3], 'seats', g % 50, 'country', (ARRAY['DE', 'PT', 'US', 'FR'])[1 + g % 4],
                       'customer', g % 7 = 0),
                   '{}', '{}', now() - interval '60 days', now(), @per, now(), now()
            FROM generate_series(1, @profiles) g;
            INSERT INTO cdp_identifiers (type, value, first_seen_at, profile_id)
            SELECT 'user_id', 'u' || g, now() - interval '60 days', md5('p' || g)::uuid FROM generate_series(1, @profiles) g;
            INSERT INTO cdp_events (source_id, message_id, type, event, user_id, "timestamp", received_at, payload)
            SELECT '00000000-0000-0000-0000-000000000001', 'm' || g, 'track', n.name, 'u' || (1 + g % @profiles),
                   now() - (g % @days) * interval '1 day' - (g % 1440) * interval '1 minute', now(),
                   jsonb_build_object('properties', jsonb_build_object('category', (ARRAY['shoes', 'hats', 'boots', 'bags'])[1 + (g / 7) % 4], 'price', (g * 13) % 300))
            FROM generate_series(1, @profiles * @per) g
            CROSS JOIN LATERAL (SELECT (ARRAY['Product Viewed', 'Pricing Viewed', 'Order Completed', 'Product Viewed', 'Signed Up', 'Docs Read'])[1 + (g * 7) % 6] AS name) n;
            INSERT INTO cdp_event_profiles (event_id, "timestamp", profile_id, type, name)
            SELECT id, "timestamp", md5('p' || substr(user_id, 2))::uuid, type, coalesce(event, '') FROM cdp_events;
            INSERT INTO cdp_profile_event_days (profile_id, day, type, name, count, first_at, last_at)
            SELECT profile_id, ("timestamp" AT TIME ZONE 'UTC')::date, type, name, count(*), min("timestamp"), max("timestamp") FROM cdp_event_profiles GROUP BY 1, 2, 3, 4;
            INSERT INTO cdp_resolution_checkpoints (name, last_event_id, updated_at) SELECT 'identity', max(id), now() FROM cdp_events
            ON CONFLICT (name) DO UPDATE SET last_event_id = excluded.last_event_id;
            ANALYZE cdp_profiles; ANALYZE cdp_identifiers; ANALYZE cdp_events;
            """, connection);
        command.Parameters.AddWithValue("profiles", profiles);
        command.Parameters.AddWithValue("per", eventsPerProfile);
        command.Parameters.AddWithValue("days", days);
        command.CommandTimeout = 3600;
        await command.ExecuteNonQueryAsync();
        // As autovacuum does for an insert-only table, so the side table's index-only scans skip the heap.
        foreach (var table in new[] { "cdp_event_profiles", "cdp_profile_event_days" })
        {
            await using var vacuum = new NpgsqlCommand($"VACUUM (ANALYZE) {table}", connection) { CommandTimeout = 3600 };
            await vacuum.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Twenty segments: trait + event window, property filters, "not performed", nested groups, a computed trait, and the latency thresholds.</summary>
    public static IReadOnlyList<(string Name, SegmentCondition Definition)> Segments()
    {
        SegmentCondition Viewed(int count, int amount, string unit, params SegmentCondition[] where) =>
            new() { Type = ConditionTypes.Event, Event = "Product Viewed", Operator = ConditionOperators.AtLeast, Count = count, Within = new EventWindow { Amount = amount, Unit = unit }, Where = [.. where] };
        SegmentCondition Property(string field, string op, string value) => new() { Field = field, Operator = op, Value = value };
        var pro = SegmentCondition.Trait("plan", "equals", "pro");
        var notOrdered = SegmentCondition.Performed("Order Completed", ConditionOperators.AtMost, 0, 30);
        var segments = new List<(string, SegmentCondition)>
        {
            ("Typical: pro accounts viewing pricing", SegmentCondition.All(pro, SegmentCondition.Trait("seats", "gte", "10"), SegmentCondition.Performed("Pricing Viewed", ConditionOperators.AtLeast, 2, 14))),
            ("Expensive shoes lately", Viewed(1, 7, EventWindow.Days, Property("category", "equals", "shoes"), Property("price", "gt", "100"))),
            ("Browsed, did not buy", SegmentCondition.All(Viewed(1, 3, EventWindow.Days), notOrdered)),
            ("Not customers, interested", SegmentCondition.All(SegmentCondition.Trait("customer", "is_false"), SegmentCondition.Performed("Pricing Viewed", ConditionOperators.AtLeast, 3, 30))),
            ("Nested", SegmentCondition.Any(SegmentCondition.All(pro, Viewed(2, 24, EventWindow.Hours)), SegmentCondition.All(SegmentCondition.Trait("country", "one_of", "DE, PT"), SegmentCondition.Not(notOrdered)))),
            ("Intent", SegmentCondition.Computed(SegmentActivator.IntentScoreKey, "gte", "10")),
            ("Bags in the last hour", Viewed(1, 1, EventWindow.Hours, Property("category", "equals", "bags"))),
            ("Docs readers", SegmentCondition.Performed("Docs Read", ConditionOperators.AtLeast, 5, 30)),
            ("Signed up this week", SegmentCondition.Performed("Signed Up", ConditionOperators.AtLeast, 1, 7)),
            ("Team plan, big", SegmentCondition.All(SegmentCondition.Trait("plan", "equals", "team"), SegmentCondition.Trait("seats", "between", "20, 40"))),
            ("Cheap hats", Viewed(2, 14, EventWindow.Days, Property("category", "equals", "hats"), Property("price", "lt", "50"))),
            ("Lapsed buyers", SegmentCondition.All(SegmentCondition.Performed("Order Completed", ConditionOperators.AtLeast, 1, 30), SegmentCondition.Performed("Order Completed", ConditionOperators.AtMost, 0, 7))),
            ("US pro", SegmentCondition.All(pro, SegmentCondition.Trait("country", "equals", "US"))),
            ("Heavy browsers", Viewed(10, 30, EventWindow.Days)),
            ("Boots or bags, 90 minutes", Viewed(1, 90, EventWindow.Minutes, Property("category", "one_of", "boots, bags"))),
            ("French non-customers", SegmentCondition.All(SegmentCondition.Trait("country", "equals", "FR"), SegmentCondition.Not(SegmentCondition.Trait("customer", "is_true")))),
        };
        segments.AddRange(LatencyThresholds.Select(n => ($"Load: {n} shoe views in the hour", Viewed(n, 1, EventWindow.Hours, Property("category", "equals", "shoes")))));
        return segments;
    }
}
