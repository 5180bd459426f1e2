using CrmCdp.Web.Platform.Jobs;
using CrmCdp.Web.Platform.Settings;

namespace CrmCdp.Web.Platform.Email;

/// <summary>The email backbone every module sends through: settings, the durable outbox, delivery, templates.</summary>
internal static class EmailRegistration
{
    public static IServiceCollection AddEmail(this IServiceCollection services)
    {
        services.AddSettings<EmailOptions>();
        services.AddSingleton<EmailOutbox>();
        services.AddSingleton<PublicBaseUrl>();
        services.AddSingleton<Tracking.EmailTracking>();
        services.AddSingleton<Tracking.EmailEngagement>();
        services.AddSingleton<EmailSettingsService>();
        services.AddSingleton<EmailTemplateService>();
        services.AddSingleton<EmailLogQueries>();
        services.AddTransient<EmailTestSend>();
        services.AddTransient<EmailDeliveryJob>();
        services.AddTransient<IRecurringJobDefinition, EmailDeliveryJob>();
        services.AddSingleton<Inbound.MailboxService>();
        services.AddSingleton<Inbound.MailboxListening>();
        services.AddHostedService<Inbound.MailboxIdleListener>();
        services.AddTransient<Inbound.MailboxFetchJob>();
        services.AddTransient<IRecurringJobDefinition, Inbound.MailboxFetchJob>();
        return services;
    }
}
