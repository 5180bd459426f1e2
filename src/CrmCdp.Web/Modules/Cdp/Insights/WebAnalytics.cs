using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Insights;

public sealed record WebCount(string Value, long Count);

/// <param name="Visitors">Distinct people (their resolved profile, else their anonymous id).</param>
/// <param name="NewVisitors">Visitors first seen in the range; the others are returning.</param>
public sealed record WebAnalyticsResult(
    long Pageviews, long Visitors, long NewVisitors, long ReturningVisitors, IReadOnlyList<WebCount> TopPages, IReadOnlyList<WebCount> Referrers,
    IReadOnlyList<WebCount> UtmSources, IReadOnlyList<WebCount> UtmMediums, IReadOnlyList<WebCount> UtmCampaigns, IReadOnlyList<WebCount> Devices,
    IReadOnlyList<WebCount> Browsers);

/// <summary>
/// Web and campaign analytics from page events: page views and visitors (new and returning), the top pages, referring
/// hosts ("(direct)" without one), UTM source, medium and campaign (the SDK's <c>context.campaign</c>, else the page
/// address's utm_ parameters), and visitors by device and browser (from the user agent).
/// </summary>
internal sealed class WebAnalytics(ReadReplica readReplica)
{
    private const int Top = 10;

    public async Task<OperationResult<WebAnalyticsResult>> RunAsync(AccessContext access, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.InsightsRead))
        {
            return OperationResult<WebAnalyticsResult>.Forbidden(InsightAccess.Denied);
        }

        if (InsightRequestValidator.CheckRange(from, to) is { Count: > 0 } errors)
        {
            return OperationResult<WebAnalyticsResult>.Invalid(errors);
        }

        return await InsightAccess.WithinTimeLimitAsync(() => AnswerAsync(from!.Value, to!.Value, cancellationToken), cancellationToken);
    }

    private async Task<WebAnalyticsResult> AnswerAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        string Utm(string field, string parameter) => $"coalesce(campaign->>'{field}', substring(address from '[?&]utm_{parameter}=([^&#]+)'))";
        string TopOf(string kind, string value, string count = "count(*)") =>
            $"(SELECT '{kind}', {value}, {count} FROM pv WHERE {value} IS NOT NULL GROUP BY 2 ORDER BY 3 DESC, 2 LIMIT {Top})";
        const string device = "CASE WHEN ua ILIKE '%ipad%' OR ua ILIKE '%tablet%' THEN 'Tablet' WHEN ua ILIKE '%mobi%' OR ua ILIKE '%android%' THEN 'Mobile' WHEN ua = '' THEN 'Unknown' ELSE 'Desktop' END";
        const string browser = "CASE WHEN ua ILIKE '%edg/%' THEN 'Edge' WHEN ua ILIKE '%firefox/%' THEN 'Firefox' WHEN ua ILIKE '%chrome/%' THEN 'Chrome' " +
            "WHEN ua ILIKE '%safari/%' THEN 'Safari' WHEN ua = '' THEN 'Unknown' ELSE 'Other' END";
        await using var db = await readReplica.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            WITH pv AS (
                SELECT o.profile_id, coalesce(o.profile_id::text, 'anonymous:' || coalesce(e.anonymous_id, e.user_id, e.id::text)) AS visitor,
                       coalesce(e.payload #>> '{"{properties,path}"}', e.payload #>> '{"{context,page,path}"}', e.event, '/') AS page,
                       coalesce(e.payload #>> '{"{properties,referrer}"}', e.payload #>> '{"{context,page,referrer}"}', '') AS referrer,
                       e.payload #> '{"{context,campaign}"}' AS campaign,
                       coalesce(e.payload #>> '{"{properties,url}"}', e.payload #>> '{"{context,page,url}"}', e.payload #>> '{"{properties,search}"}', '') AS address,
                       coalesce(e.payload #>> '{"{context,userAgent}"}', '') AS ua
                FROM cdp_events e LEFT JOIN cdp_event_profiles o ON o.event_id = e.id AND o."timestamp" = e."timestamp"
                WHERE e.type = 'page' AND e."timestamp" >= @from AND e."timestamp" < @to)
            SELECT 'pageviews', '', count(*) FROM pv
            UNION ALL SELECT 'visitors', '', count(DISTINCT visitor) FROM pv
            UNION ALL SELECT 'new', '', count(DISTINCT pv.profile_id) FROM pv JOIN cdp_profiles p ON p.id = pv.profile_id WHERE p.first_seen_at >= @from
            UNION ALL {TopOf("page", "page")}
            UNION ALL {TopOf("referrer", "coalesce(substring(referrer from '^[a-zA-Z][a-zA-Z0-9+.-]*://([^/:?#]+)'), '(direct)')")}
            UNION ALL {TopOf("utm_source", Utm("source", "source"))}
            UNION ALL {TopOf("utm_medium", Utm("medium", "medium"))}
            UNION ALL {TopOf("utm_campaign", Utm("name", "campaign"))}
            UNION ALL {TopOf("device", device, "count(DISTINCT visitor)")}
            UNION ALL {TopOf("browser", browser, "count(DISTINCT visitor)")}
            """, (NpgsqlConnection)db.Database.GetDbConnection()) { CommandTimeout = InsightAccess.TimeLimitSeconds };
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        var rows = new List<(string Kind, string Value, long Count)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
            }
        }

        long One(string kind) => rows.Where(r => r.Kind == kind).Sum(r => r.Count);
        List<WebCount> Of(string kind) => [.. rows.Where(r => r.Kind == kind).Select(r => new WebCount(r.Value, r.Count))];
        var (visitors, fresh) = (One("visitors"), One("new"));
        return new WebAnalyticsResult(One("pageviews"), visitors, fresh, Math.Max(0, visitors - fresh), Of("page"), Of("referrer"),
            Of("utm_source"), Of("utm_medium"), Of("utm_campaign"), Of("device"), Of("browser"));
    }
}
