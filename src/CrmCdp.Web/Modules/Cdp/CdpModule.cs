using CrmCdp.Web.Modules.Cdp.Dashboards;
using CrmCdp.Web.Modules.Cdp.Destinations;
using CrmCdp.Web.Modules.Cdp.Ingestion;
using CrmCdp.Web.Modules.Cdp.Insights;
using CrmCdp.Web.Modules.Cdp.Profiles;
using CrmCdp.Web.Modules.Cdp.Segments;
using CrmCdp.Web.Modules.Cdp.Sources;
using CrmCdp.Web.Modules.Cdp.TrackingPlans;
using CrmCdp.Web.Platform;
using CrmCdp.Web.Platform.Settings;

namespace CrmCdp.Web.Modules.Cdp;

/// <summary>Sources, ingestion, identity resolution, profiles, segments, activation.</summary>
internal static class CdpModule
{
    public static IServiceCollection AddCdp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<SourceService>();
        services.AddSingleton<Platform.Privacy.IPersonalDataStore, Privacy.CdpPersonalDataStore>();
        services.AddSingleton<IngestionMetrics>();
        services.AddSingleton<IngestionStats>();
        services.AddSingleton<SuppressionFilter>();
        services.AddSingleton<IngestionDebugFeed>();
        services.AddSingleton<TrackingPlanService>();
        services.AddSingleton<TrackingPlanCounters>();
        services.AddHostedService(provider => provider.GetRequiredService<TrackingPlanCounters>());
        services.AddSingleton<IngestionWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<IngestionWriter>());
        services.AddSingleton<Identity.IdentityRulesProvider>();
        services.AddSingleton<Identity.IdentityRulesService>();
        services.AddSingleton<Identity.ResolutionMetrics>();
        services.AddSettings<Identity.IdentityResolutionOptions>();
        services.AddSingleton<Identity.IdentityResolutionProcessor>();
        services.AddHostedService(provider => provider.GetRequiredService<Identity.IdentityResolutionProcessor>());
        services.AddSingleton<Profiles.ProfileQueries>();
        services.AddSingleton<Profiles.ProfileTimeline>();
        services.AddSingleton<Profiles.TraitHistory>();
        services.AddSingleton<Profiles.ProfileSplitter>();
        services.AddSingleton<Profiles.ProfileContacts>();
        services.AddSingleton<Contracts.IContactProfiles, Profiles.ContactProfiles>();
        services.AddSingleton<Contracts.IProductEvents, ProductEvents>();
        services.AddSingleton<Contracts.ICdpProfilesForMarketing, Profiles.MarketingProfiles>();
        services.AddSingleton<Contracts.IResolvedEventFeed, Profiles.ResolvedEventFeed>();
        services.AddSingleton<Insights.Trends>();
        services.AddSingleton<Insights.Funnels>();
        services.AddSingleton<Insights.FunnelPeople>();
        services.AddSingleton<Insights.MarketerDashboards>();
        services.AddSingleton<Insights.LiveEvents>();
        services.AddSingleton<Dashboards.DashboardService>();
        services.AddSingleton<Dashboards.DashboardRunner>();
        services.AddSingleton<Insights.Retention>();
        services.AddSingleton<Insights.WebAnalytics>();
        services.AddTransient<Profiles.ContactLinkJob>();
        services.AddTransient<Platform.Jobs.IRecurringJobDefinition, Profiles.ContactLinkJob>();
        services.AddSingleton<Profiles.ProfileSearchService>();
        services.AddSingleton<Segments.SegmentService>();
        services.AddSingleton<Segments.SegmentLists>();
        services.AddSingleton<Segments.SegmentQueries>();
        services.AddSingleton<Segments.SegmentVocabulary>();
        services.AddSingleton<Segments.SegmentTrends>();
        services.AddSingleton<Segments.SegmentExport>();
        services.AddSingleton<Segments.SegmentRefresher>();
        services.AddSingleton<Segments.SegmentRefreshGate>();
        services.AddSingleton<Segments.SegmentActivator>();
        services.AddSingleton<Contracts.ISegmentChangeConsumer>(provider => provider.GetRequiredService<Segments.SegmentActivator>());
        services.AddDestinations();
        services.AddSingleton<Audiences.SegmentChangeFeed>();
        services.AddSettings<Audiences.AudienceOptions>();
        services.AddSettings<Insights.InsightOptions>();
        services.AddSingleton<Audiences.AudienceMetrics>();
        services.AddSingleton<Audiences.AudienceEvaluator>();
        services.AddSingleton<Audiences.WindowEdgeSweep>();
        services.AddSingleton<Audiences.AudienceStatus>();
        services.AddHostedService<Audiences.AudienceEvaluatorService>();
        services.AddTransient<Audiences.AudienceReconciliationJob>();
        services.AddTransient<Platform.Jobs.IRecurringJobDefinition, Audiences.AudienceReconciliationJob>();
        services.AddSingleton<Segments.ComputedTraitService>();
        services.AddSingleton<Segments.ComputedTraitCalculator>();
        services.AddTransient<Identity.EventReassignJob>();
        services.AddTransient<Segments.SegmentRefreshJob>();
        services.AddTransient<Platform.Jobs.IRecurringJobDefinition, Segments.SegmentRefreshJob>();
        services.AddSettings<EventOptions>();
        services.AddTransient<EventRetention>();
        services.AddTransient<EventMaintenanceJob>();
        services.AddTransient<Platform.Jobs.IRecurringJobDefinition, EventMaintenanceJob>();
        services.AddCors(options => options.AddPolicy(CollectEndpoints.CorsPolicy, policy => policy.AllowAnyOrigin().AllowAnyHeader().WithMethods("POST", "GET")));
        return services;
    }

    public static IEndpointRouteBuilder MapCdp(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapApiV1().MapSourceEndpoints().MapTrackingPlanEndpoints().MapProfileEndpoints().MapSegmentEndpoints().MapDestinationEndpoints().MapInsightEndpoints().MapDashboardEndpoints();
        endpoints.MapCollectEndpoints();
        return endpoints;
    }
}
