using CrmCdp.Web.Modules.Cdp.Contracts;
using CrmCdp.Web.Modules.Marketing.Campaigns;
using CrmCdp.Web.Modules.Marketing.Email;
using CrmCdp.Web.Modules.Marketing.Journeys;
using CrmCdp.Web.Modules.Marketing.Performance;
using CrmCdp.Web.Platform;
using CrmCdp.Web.Platform.Email.Tracking;
using CrmCdp.Web.Platform.Settings;

namespace CrmCdp.Web.Modules.Marketing;

/// <summary>Marketing email and journeys, acting on CDP and CRM data through their contracts.</summary>
internal static class MarketingModule
{
    public static IServiceCollection AddMarketing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<JourneyOptions>();
        services.AddSettings<MarketingOptions>();
        services.AddSingleton<UnsubscribeLinks>();
        services.AddSingleton<Performance.MarketingPerformance>();
        services.AddSingleton<Unsubscriber>();
        services.AddSingleton<MarketingEmails>();
        services.AddSingleton<TemplatePreviews>();
        services.AddSingleton<IEmailEngagementObserver, MarketingEngagement>();
        services.AddSingleton<JourneyDefinitionValidator>();
        services.AddSingleton<JourneyService>();
        services.AddSingleton<JourneyQueries>();
        services.AddSingleton<JourneyVersions>();
        services.AddSingleton<JourneyWakeUp>();
        services.AddSingleton<JourneyEnroller>();
        services.AddSingleton<ISegmentChangeConsumer>(provider => provider.GetRequiredService<JourneyEnroller>());
        services.AddSingleton<JourneyStepActions>();
        services.AddSingleton<JourneyStepper>();
        services.AddHostedService<JourneyRunner>();
        services.AddSingleton<JourneyEventEnroller>();
        services.AddSingleton<JourneyCrmEnroller>();
        services.AddTransient<Platform.Jobs.IRecurringJobDefinition, JourneyScheduleJob>();
        services.AddTransient<JourneyScheduleJob>();
        services.AddHostedService<JourneyEventTriggerService>();
        services.AddSingleton<CampaignService>();
        services.AddSingleton<CampaignQueries>();
        services.AddTransient<CampaignSendJob>();
        services.AddTransient<Platform.Jobs.IRecurringJobDefinition, CampaignSendJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapMarketing(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapApiV1().MapJourneyEndpoints().MapTemplatePreviewEndpoints().MapCampaignEndpoints().MapMarketingPerformanceEndpoints();
        endpoints.MapUnsubscribeEndpoints();
        return endpoints;
    }
}
