using System.Text.Json;
using CrmCdp.Web.Modules.Cdp.Insights;

namespace CrmCdp.Web.Modules.Cdp.Dashboards;

/// <summary>A web analytics tile's query: the range only.</summary>
public sealed record WebQuery(DateTimeOffset? From, DateTimeOffset? To);

/// <summary>
/// Reads a tile's query as its insight's request, with a rolling range put in (the last N days up to now), and checks
/// it the way the insight's endpoint does: a dashboard can only hold questions that can be answered.
/// </summary>
internal static class TileQueries
{
    public static object? Read(DashboardTile tile, DateTimeOffset now, out Dictionary<string, string[]> errors)
    {
        errors = [];
        if (tile.Query is not { ValueKind: JsonValueKind.Object } query)
        {
            errors["query"] = ["Give the insight's question as an object: the body its endpoint takes."];
            return null;
        }

        try
        {
            var (from, to) = tile.LastDays is { } days ? (now.AddDays(-days), now) : ((DateTimeOffset?)null, (DateTimeOffset?)null);
            object? request = tile.Kind switch
            {
                TileKinds.Trends => Ranged(query.Deserialize<TrendRequest>(JsonSerializerOptions.Web), from, to),
                TileKinds.Funnel => Ranged(query.Deserialize<FunnelRequest>(JsonSerializerOptions.Web), from, to),
                TileKinds.Retention => Ranged(query.Deserialize<RetentionRequest>(JsonSerializerOptions.Web), from, to),
                TileKinds.Web => query.Deserialize<WebQuery>(JsonSerializerOptions.Web) is { } web ? web with { From = from ?? web.From, To = to ?? web.To } : null,
                _ => null,
            };
            errors = request switch
            {
                TrendRequest trend => InsightRequestValidator.Check(trend),
                FunnelRequest funnel => InsightRequestValidator.Check(funnel),
                RetentionRequest retention => InsightRequestValidator.Check(retention),
                WebQuery web => InsightRequestValidator.CheckRange(web.From, web.To),
                _ => new Dictionary<string, string[]> { ["query"] = ["The question is empty."] },
            };
            return errors.Count == 0 ? request : null;
        }
        catch (JsonException e)
        {
            errors["query"] = [$"The question cannot be read as a {tile.Kind} insight: {e.Message}"];
            return null;
        }
    }

    private static T? Ranged<T>(T? request, DateTimeOffset? from, DateTimeOffset? to)
        where T : class => request switch
        {
            TrendRequest trend when from is not null => (T)(object)(trend with { From = from, To = to }),
            FunnelRequest funnel when from is not null => (T)(object)(funnel with { From = from, To = to }),
            RetentionRequest retention when from is not null => (T)(object)(retention with { From = from, To = to }),
            _ => request,
        };
}
