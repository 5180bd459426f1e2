using System.Net;
using System.Text.Json;
using CrmCdp.IntegrationTests.Crm;
using CrmCdp.TestSupport;

namespace CrmCdp.IntegrationTests.Cdp;

/// <summary>The app with destinations allowed on loopback and retries a second apart, and a real webhook receiver beside it.</summary>
public sealed class DestinationApp : AppFixture, IAsyncLifetime
{
    public TestWebhookReceiver Receiver { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Receiver = await TestWebhookReceiver.StartAsync();
        await StartAsync("destinations", settings: new Dictionary<string, string?>
        {
            ["Destinations:AllowPrivateNetworks"] = "true",
            ["Destinations:RetryScheduleSeconds:0"] = "1",
            ["Destinations:RetryScheduleSeconds:1"] = "1",
            ["Destinations:RetryScheduleSeconds:2"] = "1",
            ["Destinations:IdleMilliseconds"] = "100",
            ["Destinations:TimeoutSeconds"] = "30",
        });
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await DisposeAsync();
    }
}

internal static class DestinationTestApi
{
    public static async Task<(JsonElement Destination, string Secret)> CreateDestinationAsync(this HttpClient admin, object body)
    {
        var (response, destination) = await CrmApi.SendAsync(admin, HttpMethod.Post, "/api/v1/destinations", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {destination}");
        return (destination, destination.GetProperty("secret").GetString()!);
    }

    public static async Task<List<JsonElement>> DeliveriesAsync(this HttpClient admin, string destinationId)
    {
        var (response, page) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/destinations/{destinationId}/deliveries?limit=200");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    public static async Task<JsonElement> DeliveryAsync(this HttpClient admin, string destinationId, long deliveryId)
    {
        var (response, delivery) = await CrmApi.SendAsync(admin, HttpMethod.Get, $"/api/v1/destinations/{destinationId}/deliveries/{deliveryId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return delivery;
    }
}
