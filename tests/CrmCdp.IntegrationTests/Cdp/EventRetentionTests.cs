using System.Net.Http.Json;
using CrmCdp.TestSupport;
using CrmCdp.Web.Modules.Cdp.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CrmCdp.IntegrationTests.Cdp;

/// <summary>On a database of its own: dropping old partitions takes every test's old events with them.</summary>
public sealed class EventRetentionTests : IAsyncLifetime
{
    private readonly AppFixture _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _app.StartAsync("event-retention");

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Partitions_past_the_retention_are_dropped_with_their_events_while_profiles_rollups_and_newer_events_stay()
    {
        var now = DateTimeOffset.UtcNow;
        var thisMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        // Fourteen months back is before the partitions the schema starts with, so that event sits in the default partition.
        var (ancient, old, kept) = (thisMonth.AddMonths(-14).AddDays(3), thisMonth.AddMonths(-5).AddDays(3), thisMonth.AddMonths(-2).AddDays(3));
        var (_, key) = await _app.SourceAsync();
        using var sdk = _app.Sdk(key);
        using var admin = _app.AdminApi();
        using (var sent = await sdk.PostAsJsonAsync("/v1/batch", new
        {
            batch = new object[]
            {
                new { type = "track", userId = "ret-old", @event = "Viewed", timestamp = ancient },
                new { type = "track", userId = "ret-old", @event = "Viewed", timestamp = old },
                new { type = "track", userId = "ret-old", @event = "Viewed", timestamp = kept },
                new { type = "track", userId = "ret-new", @event = "Viewed", timestamp = now },
            },
        }, Ct))
        {
            sent.EnsureSuccessStatusCode();
        }

        await admin.ProfileWithEventsAsync("user_id", "ret-old", 3, Ct);
        await admin.ProfileWithEventsAsync("user_id", "ret-new", 1, Ct);
        await using var connection = new NpgsqlConnection(_app.Factory.ConnectionString);
        await connection.OpenAsync(Ct);
        var rollupsBefore = await CountAsync(connection, "SELECT count(*) FROM cdp_profile_event_days");

        Assert.Empty(await RetentionOf(0).DropExpiredAsync(Ct));
        Assert.Equal(4, await CountAsync(connection, "SELECT count(*) FROM cdp_events"));

        var dropped = await RetentionOf(3).DropExpiredAsync(Ct);

        Assert.Contains($"cdp_events_{old:yyyy_MM}", dropped);
        Assert.DoesNotContain(dropped, p => string.CompareOrdinal(p, $"cdp_events_{thisMonth.AddMonths(-3):yyyy_MM}") >= 0);
        Assert.Equal(0, await CountAsync(connection, $"SELECT count(*) FROM pg_class WHERE relname = 'cdp_events_{old:yyyy_MM}'"));
        Assert.Equal(1, await CountAsync(connection, $"SELECT count(*) FROM pg_class WHERE relname = 'cdp_events_{thisMonth.AddMonths(-3):yyyy_MM}'"));
        Assert.Equal(2, await CountAsync(connection, "SELECT count(*) FROM cdp_events"));
        Assert.Equal(0, await CountAsync(connection, $"SELECT count(*) FROM cdp_events WHERE \"timestamp\" < '{thisMonth.AddMonths(-3):O}'"));
        Assert.Equal(2, await CountAsync(connection, "SELECT count(*) FROM cdp_event_profiles"));
        Assert.Equal(rollupsBefore, await CountAsync(connection, "SELECT count(*) FROM cdp_profile_event_days"));
        Assert.Equal(3, (await admin.ProfileWithEventsAsync("user_id", "ret-old", 3, Ct)).GetProperty("eventCount").GetInt64());

        // The daily maintenance keeps partitions ready for the months ahead.
        await _app.Factory.Services.GetRequiredService<EventMaintenanceJob>().RunAsync(Ct);
        for (var ahead = 0; ahead <= 3; ahead++)
        {
            Assert.Equal(1, await CountAsync(connection, $"SELECT count(*) FROM pg_class WHERE relname = 'cdp_events_{thisMonth.AddMonths(ahead):yyyy_MM}'"));
        }
    }

    private EventRetention RetentionOf(int months) =>
        ActivatorUtilities.CreateInstance<EventRetention>(_app.Factory.Services, Options.Create(new EventOptions { RetentionMonths = months }));

    private static Task<long> CountAsync(NpgsqlConnection connection, string sql) => EventOwnershipChecks.CountAsync(connection, sql, Ct);
}
