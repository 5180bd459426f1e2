using CrmCdp.Web.Platform.Settings;

namespace CrmCdp.Web.Modules.Crm.Forms;

internal static class FormRegistration
{
    public static IServiceCollection AddFormServices(this IServiceCollection services)
    {
        services.AddSettings<FormOptions>();
        services.AddSingleton<FormService>();
        services.AddSingleton<FormSubmissionService>();
        services.AddSingleton<FormFillTokens>();
        services.AddSingleton<FormIntake>();
        services.AddSingleton<FormSubmissionProcessor>();
        services.AddSingleton<FormTimelineNote>();
        services.AddSingleton<FormEvents>();
        services.AddTransient<FormSweepJob>();
        services.AddTransient<Platform.Jobs.IRecurringJobDefinition, FormSweepJob>();
        return services;
    }
}
