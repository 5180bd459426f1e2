using Microsoft.Extensions.Options;

namespace CrmCdp.Web.Platform.Settings;

/// <summary>The one way configuration is read: a typed section, never a key spelled out where it is used.</summary>
internal static class SettingsRegistration
{
    /// <summary>For decisions taken while the app is assembled, before there is a container to ask.</summary>
    public static T Read<T>(IConfiguration configuration)
        where T : class, ISettingsSection, new() =>
        configuration.GetSection(T.Section).Get<T>() ?? new T();

    /// <summary>Binds the section for <see cref="IOptions{TOptions}"/>.</summary>
    public static IServiceCollection AddSettings<T>(this IServiceCollection services)
        where T : class, ISettingsSection
    {
        services.AddOptions<T>().BindConfiguration(T.Section);
        return services;
    }
}
