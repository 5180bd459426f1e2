namespace CrmCdp.Web.Modules.Cdp.Insights;

/// <summary>
/// The question the Insights page is answering: asking a new one cancels the one still running (its statement is cancelled
/// in PostgreSQL), since the user changed the question and its answer is no longer wanted.
/// </summary>
public sealed class InsightQuestion : IDisposable
{
    private CancellationTokenSource? _running;

    public bool Busy { get; private set; }

    public CancellationToken Ask()
    {
        _running?.Cancel();
        _running = new CancellationTokenSource();
        Busy = true;
        return _running.Token;
    }

    /// <summary>Marks a question answered: the page stays busy while a newer one still runs.</summary>
    public void Answered(CancellationToken asked) => Busy = Busy && _running?.Token != asked;

    public void Dispose() => _running?.Cancel();
}
