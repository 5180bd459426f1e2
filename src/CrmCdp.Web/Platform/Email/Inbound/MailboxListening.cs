using System.Collections.Concurrent;

namespace CrmCdp.Web.Platform.Email.Inbound;

/// <summary>
/// What the IDLE listener shares with the rest of the app: which mailboxes it is listening to now, and a signal that
/// the mailboxes changed (so a new or edited one is listened to at once, not at the next minute).
/// </summary>
internal sealed class MailboxListening : IDisposable
{
    private readonly ConcurrentDictionary<Guid, bool> _listening = new();
    private readonly SemaphoreSlim _changed = new(0);

    public bool IsListening(Guid mailboxId) => _listening.TryGetValue(mailboxId, out var on) && on;

    public void Set(Guid mailboxId, bool listening) => _listening[mailboxId] = listening;

    public void Forget(Guid mailboxId) => _listening.TryRemove(mailboxId, out _);

    public void MailboxesChanged() => _changed.Release();

    /// <summary>Waits for a change, or the timeout; false when it timed out.</summary>
    public Task<bool> WaitForChangeAsync(TimeSpan timeout, CancellationToken cancellationToken) => _changed.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _changed.Dispose();
}
