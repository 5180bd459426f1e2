namespace CrmCdp.TestSupport;

/// <summary>
/// Waits on a condition that a background writer (the resolver, a job, a flush) makes true, instead of on the clock:
/// polls until it holds and fails with the last answer when it does not within the timeout.
/// </summary>
public static class Eventually
{
    /// <summary>Generous: a 2-core CI machine runs three test assemblies and their background work at once.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {(timeout ?? DefaultTimeout).TotalSeconds:N0} s; last answer: {value}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }
}
