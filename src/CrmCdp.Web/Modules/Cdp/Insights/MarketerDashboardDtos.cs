namespace CrmCdp.Web.Modules.Cdp.Insights;

/// <param name="Day">The day in the asked time zone.</param>
public sealed record DayCount(DateOnly Day, long Count);

/// <param name="Sizes">Members at the end of each of the last 14 days, oldest first.</param>
public sealed record SegmentSize(Guid Id, string Name, long Members, IReadOnlyList<long> Sizes);

/// <summary>The bridge from audience to revenue for one activated segment, over the period.</summary>
/// <param name="Entered">People who entered the segment.</param>
/// <param name="Tasked">Of them, those whose entry became a CRM task.</param>
/// <param name="DealsCreated">Tasked contacts who then had a deal created.</param>
/// <param name="DealsWon">Tasked contacts who then won a deal.</param>
public sealed record ActivationFunnelRow(Guid SegmentId, string Segment, long Entered, long Tasked, int DealsCreated, int DealsWon, decimal AmountWon);

/// <param name="Healthy">Whether the source sent an event in the last 24 hours.</param>
public sealed record SourceHealth(Guid Id, string Name, bool Enabled, long Events24h, DateTimeOffset? LastEventAt, bool Healthy);

/// <summary>A marketer's home: event volume, the largest segments with their trend, the activation funnel and the sources' health.</summary>
public sealed record MarketerDashboard(
    IReadOnlyList<DayCount> EventVolume, IReadOnlyList<SegmentSize> TopSegments, IReadOnlyList<ActivationFunnelRow> Activation, IReadOnlyList<SourceHealth> Sources, int PeriodDays);
