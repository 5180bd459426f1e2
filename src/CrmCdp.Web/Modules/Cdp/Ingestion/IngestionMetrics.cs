using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CrmCdp.Web.Modules.Cdp.Ingestion;

/// <summary>Counters of the collection API, as System.Diagnostics.Metrics instruments (OpenTelemetry-ready) and for the health panel.</summary>
internal sealed class IngestionMetrics : IDisposable
{
    private readonly Meter _meter = new("CrmCdp.Ingestion");
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _suppressed;
    private readonly Histogram<double> _commitMilliseconds;
    private readonly ConcurrentDictionary<string, long> _rejectedByReason = new();
    private long _acceptedTotal;
    private long _duplicateTotal;
    private long _suppressedTotal;
    private double _lastCommitMilliseconds;

    public IngestionMetrics()
    {
        _accepted = _meter.CreateCounter<long>("crmcdp.ingestion.accepted", "events");
        _duplicates = _meter.CreateCounter<long>("crmcdp.ingestion.duplicates", "events");
        _rejected = _meter.CreateCounter<long>("crmcdp.ingestion.rejected", "events");
        _suppressed = _meter.CreateCounter<long>("crmcdp.ingestion.suppressed", "events");
        _commitMilliseconds = _meter.CreateHistogram<double>("crmcdp.ingestion.commit_latency", "ms");
    }

    public long AcceptedTotal => Interlocked.Read(ref _acceptedTotal);

    public long DuplicateTotal => Interlocked.Read(ref _duplicateTotal);

    public long SuppressedTotal => Interlocked.Read(ref _suppressedTotal);

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

    public void Committed(TimeSpan latency)
    {
        _commitMilliseconds.Record(latency.TotalMilliseconds);
        Volatile.Write(ref _lastCommitMilliseconds, latency.TotalMilliseconds);
    }

    public void Dispose() => _meter.Dispose();
}
