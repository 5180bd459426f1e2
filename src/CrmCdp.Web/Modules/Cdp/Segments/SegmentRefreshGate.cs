namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>One full segment refresh at a time in this app instance (a singleton, so two apps in one process never share it).</summary>
internal sealed class SegmentRefreshGate : IDisposable
{
    public SemaphoreSlim Running { get; } = new(1, 1);

    public void Dispose() => Running.Dispose();
}
