using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CrmCdp.Web.Modules.Cdp.Ingestion;

/// <summary>Counters of the collection API, as System.Diagnostics.Metrics instruments (OpenTelemetry-ready) and for the health panel.</summary>
internal sealed class IngestionMetrics : IDisposable
{
    public const string MeterName = "CrmCdp.Ingestion";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _suppressed;
    private readonly Counter<long> _blocked;
    private readonly Histogram<double> _commitMilliseconds;
    private readonly ConcurrentDictionary<string, long> _rejectedByReason = new();
    private long _acceptedTotal;
    private long _duplicateTotal;
    private long _suppressedTotal;
    private long _blockedTotal;
    private double _lastCommitMilliseconds;

    public IngestionMetrics()
    {
        _accepted = _meter.CreateCounter<long>("crmcdp.ingestion.accepted", "events");
        _duplicates = _meter.CreateCounter<long>("crmcdp.ingestion.duplicates", "events");
        _rejected = _meter.CreateCounter<long>("crmcdp.ingestion.rejected", "events");
        _suppressed = _meter.CreateCounter<long>("crmcdp.ingestion.suppressed", "events");
        _blocked = _meter.CreateCounter<long>("crmcdp.ingestion.blocked", "events", "Events dropped by a source's tracking plan.");
        _commitMilliseconds = _meter.CreateHistogram<double>("crmcdp.ingestion.commit_latency", "ms");
    }

    public long AcceptedTotal => Interlocked.Read(ref _acceptedTotal);

    public long DuplicateTotal => Interlocked.Read(ref _duplicateTotal);

    public long SuppressedTotal => Interlocked.Read(ref _suppressedTotal);

    public long BlockedTotal => Interlocked.Read(ref _blockedTotal);

    public double LastCommitMilliseconds => Volatile.Read(ref _lastCommitMilliseconds);

    public IReadOnlyDictionary<string, long> RejectedByReason => _rejectedByReason;

    public void Accepted(int stored, int duplicates)
    {
        _accepted.Add(stored);
        _duplicates.Add(duplicates);
        Interlocked.Add(ref _acceptedTotal, stored);
        Interlocked.Add(ref _duplicateTotal, duplicates);
    }

    public void Rejected(string reason, int events = 1)
    {
        _rejected.Add(events, new KeyValuePair<string, object?>("reason", reason));
        _rejectedByReason.AddOrUpdate(reason, events, (_, total) => total + events);
    }

    public void Suppressed(int events)
    {
        _suppressed.Add(events);
        Interlocked.Add(ref _suppressedTotal, events);
    }

    public void Blocked(int events)
    {
        _blocked.Add(events);
        Interlocked.Add(ref _blockedTotal, events);
    }

    /// <summary>Publishes the writer's queue depth as a gauge.</summary>
    public void ObserveQueueDepth(Func<int> depth) =>
        _meter.CreateObservableGauge("crmcdp.ingestion.queue_depth", depth, "requests", "Requests waiting for the next group commit.");

    public void Committed(TimeSpan latency)
    {
        _commitMilliseconds.Record(latency.TotalMilliseconds);
        Volatile.Write(ref _lastCommitMilliseconds, latency.TotalMilliseconds);
    }

    public void Dispose() => _meter.Dispose();
}
