using System.Text.Json;
using CrmCdp.Web.Modules.Cdp.Insights;

namespace CrmCdp.Web.Modules.Cdp.Dashboards;

/// <summary>The kinds of insight a tile holds; each takes the body of its insight endpoint as its query.</summary>
public static class TileKinds
{
    public const string Trends = "trends";
    public const string Funnel = "funnel";
    public const string Retention = "retention";
    public const string Web = "web";

    public static readonly IReadOnlyList<string> All = [Trends, Funnel, Retention, Web];
}

/// <summary>One saved insight on a dashboard.</summary>
public sealed class DashboardTile
{
    /// <summary>Kept across edits; given by the server when left out.</summary>
    public string? Id { get; set; }

    public string? Title { get; set; }

    /// <summary>trends, funnel, retention or web.</summary>
    public string? Kind { get; set; }

    /// <summary>The insight's request body (for web: <c>{ "from", "to" }</c>).</summary>
    public JsonElement? Query { get; set; }

    /// <summary>When set, the tile always shows the last N days up to now instead of the query's from and to.</summary>
    public int? LastDays { get; set; }

    /// <summary>Columns of 12 the tile spans: 3, 4, 6, 8 or 12.</summary>
    public int? Width { get; set; }
}

public sealed class DashboardInput
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public bool Shared { get; set; }

    /// <summary>0 (never), or every 30 to 3,600 seconds.</summary>
    public int? RefreshSeconds { get; set; }

    public List<DashboardTile>? Tiles { get; set; }

    /// <summary>The version read, on a replace.</summary>
    public uint? Version { get; set; }
}

public sealed record DashboardDto(
    Guid Id, string Name, string? Description, Guid? OwnerUserId, bool Shared, int RefreshSeconds, IReadOnlyList<DashboardTile> Tiles,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, uint Version)
{
    /// <summary>Whether the caller may change it (its owner).</summary>
    public bool Editable { get; init; }
}

/// <summary>A tile's answer: one of the results, or why it could not be answered (its query's problems, by field).</summary>
public sealed record TileData(
    string Id, string Kind, string? Title, TrendResult? Trends, FunnelResult? Funnel, RetentionResult? Retention, WebAnalyticsResult? Web,
    IReadOnlyDictionary<string, string[]>? Errors);

public sealed record DashboardData(Guid Id, DateTimeOffset At, IReadOnlyList<TileData> Tiles);
