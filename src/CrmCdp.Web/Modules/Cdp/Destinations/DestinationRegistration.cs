using CrmCdp.Web.Platform.Settings;

namespace CrmCdp.Web.Modules.Cdp.Destinations;

internal static class DestinationRegistration
{
    public static IServiceCollection AddDestinations(this IServiceCollection services)
    {
        services.AddSettings<DestinationOptions>();
        services.AddSingleton<WebhookSecrets>();
        WebhookClient.Register(services);
        services.AddSingleton<WebhookClient>();
        services.AddSingleton<DeliveryStore>();
        services.AddSingleton<DestinationAlerts>();
        services.AddSingleton<DestinationProfiles>();
        services.AddSingleton<Contracts.IDestinationsForMarketing, DestinationsForMarketing>();
        services.AddSingleton<DestinationService>();
        services.AddSingleton<DeliveryService>();
        services.AddSingleton<Contracts.ISegmentChangeConsumer, DestinationAudienceConsumer>();
        services.AddSingleton<EventForwarder>();
        services.AddSingleton<CrmFactForwarder>();
        services.AddSingleton<AdAudienceExport>();
        services.AddTransient<DeliveryRetentionJob>();
        services.AddTransient<Platform.Jobs.IRecurringJobDefinition, DeliveryRetentionJob>();
        services.AddSingleton<DeliverySender>();
        services.AddHostedService(provider => provider.GetRequiredService<DeliverySender>());
        services.AddHostedService<EventForwarderService>();
        return services;
    }
}
