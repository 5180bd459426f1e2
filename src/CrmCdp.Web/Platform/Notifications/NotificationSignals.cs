using System.Collections.Concurrent;

namespace CrmCdp.Web.Platform.Notifications;

/// <summary>
/// Tells the open pages of a user that a notification arrived for them, so the bell updates without a reload. Fed by
/// <see cref="NotificationListener"/>, which hears every instance's inserts through PostgreSQL.
/// </summary>
internal sealed class NotificationSignals
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, Func<Task>>> _listeners = new();

    /// <summary>Calls <paramref name="arrived"/> whenever a notification for the user is saved, until the result is disposed.</summary>
    public IDisposable Subscribe(Guid userId, Func<Task> arrived)
    {
        var subscription = Guid.NewGuid();
        _listeners.GetOrAdd(userId, _ => new())[subscription] = arrived;
        return new Unsubscriber(() =>
        {
            if (_listeners.TryGetValue(userId, out var listeners))
            {
                listeners.TryRemove(subscription, out _);
            }
        });
    }

    public async Task RaiseAsync(Guid userId)
    {
        if (!_listeners.TryGetValue(userId, out var listeners))
        {
            return;
        }

        foreach (var arrived in listeners.Values)
        {
            try
            {
                await arrived();
            }
            catch (ObjectDisposedException)
            {
                // The page closed while the signal was on its way.
            }
        }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
