using System.Diagnostics.Metrics;

namespace CrmCdp.Web.Modules.Cdp.Audiences;

/// <summary>How far segment membership trails the events, and what the reconciliation found, as metrics and for the CDP overview.</summary>
internal sealed class AudienceMetrics : IDisposable
{
    private readonly Meter _meter = new("CrmCdp.Audiences");
    private readonly Counter<long> _evaluated;
    private readonly Counter<long> _changes;
    private readonly Counter<long> _differences;
    private readonly Histogram<double> _lag;
    private long _lagMilliseconds;

    public AudienceMetrics()
    {
        _evaluated = _meter.CreateCounter<long>("crmcdp.audiences.profiles_evaluated", "profiles");
        _changes = _meter.CreateCounter<long>("crmcdp.audiences.membership_changes", "changes");
        _differences = _meter.CreateCounter<long>("crmcdp.audiences.reconciliation_differences", "changes", "Entries and exits the nightly full evaluation made that incremental evaluation had missed.");
        _lag = _meter.CreateHistogram<double>("crmcdp.audiences.lag", "s", "From a profile being queued to its evaluation.");
        _meter.CreateObservableGauge("crmcdp.audiences.current_lag", () => LagSeconds, "s", "Age of the oldest queued profile when the evaluator last took from the queue.");
    }

    /// <summary>0 when the evaluator last found the queue empty; otherwise the age of the oldest profile it took then.</summary>
    public double LagSeconds => Interlocked.Read(ref _lagMilliseconds) / 1000.0;

    public void CaughtUp() => Interlocked.Exchange(ref _lagMilliseconds, 0);

    public void Evaluated(int profiles, TimeSpan oldestWaited, long changes)
    {
        _evaluated.Add(profiles);
        _changes.Add(changes);
        _lag.Record(oldestWaited.TotalSeconds);
        Interlocked.Exchange(ref _lagMilliseconds, (long)Math.Max(0, oldestWaited.TotalMilliseconds));
    }

    public void Reconciled(long differences) => _differences.Add(differences);

    public void Dispose() => _meter.Dispose();
}
