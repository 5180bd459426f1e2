using System.Diagnostics.Metrics;

namespace CrmCdp.Web.Modules.Cdp.Identity;

/// <summary>Identity resolution's throughput and lag, as metrics and for the ingestion health panel.</summary>
internal sealed class ResolutionMetrics : IDisposable
{
    private readonly Meter _meter = new("CrmCdp.Identity");
    private readonly Counter<long> _resolved;
    private readonly Histogram<double> _batchMilliseconds;
    private readonly TimeProvider _time;
    private long _resolvedTotal;
    private long _lastResolvedReceivedAtTicks;
    private volatile bool _caughtUp = true;

    public ResolutionMetrics(TimeProvider time)
    {
        _time = time;
        _resolved = _meter.CreateCounter<long>("crmcdp.identity.events_resolved", "events");
        _batchMilliseconds = _meter.CreateHistogram<double>("crmcdp.identity.batch_duration", "ms");
        _meter.CreateObservableGauge("crmcdp.identity.lag", () => LagSeconds ?? 0, "s", "Age of the newest resolved event when resolution last moved.");
    }

    public long ResolvedTotal => Interlocked.Read(ref _resolvedTotal);

    /// <summary>When the newest resolved event was received, if any was resolved since start.</summary>
    public DateTimeOffset? LastResolvedReceivedAt =>
        Interlocked.Read(ref _lastResolvedReceivedAtTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>
    /// 0 when the last look found nothing left to resolve; otherwise the age of the newest resolved event, which is how
    /// far resolution trails the events being collected.
    /// </summary>
    public double? LagSeconds => _caughtUp ? 0 : LastResolvedReceivedAt is { } at ? Math.Max(0, (_time.GetUtcNow() - at).TotalSeconds) : null;

    public void CaughtUp() => _caughtUp = true;

    public void Resolved(int events, DateTimeOffset? lastReceivedAt, TimeSpan took)
    {
        _resolved.Add(events);
        _batchMilliseconds.Record(took.TotalMilliseconds);
        Interlocked.Add(ref _resolvedTotal, events);
        _caughtUp = false;
        if (lastReceivedAt is { } at)
        {
            Interlocked.Exchange(ref _lastResolvedReceivedAtTicks, at.UtcTicks);
        }
    }

    public void Dispose() => _meter.Dispose();
}
