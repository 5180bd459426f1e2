using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Localization;

namespace CrmCdp.Web.Platform.Preferences;

/// <summary>
/// Serves each request (and the circuit its connection carries) in the user's culture and time zone: their
/// preferences when signed in and set, else the browser's language.
/// </summary>
internal sealed class UserPreferencesMiddleware(RequestDelegate next)
{
    private static readonly AcceptLanguageHeaderRequestCultureProvider Browser = new();

    public async Task InvokeAsync(HttpContext context, UserPreferencesService preferences)
    {
        var chosen = Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            ? await preferences.ForServingAsync(userId, context.RequestAborted)
            : (null, null);
        if ((chosen.Culture ?? await BrowserCultureAsync(context)) is { } culture)
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        }

        if (chosen.Zone is { } zone)
        {
            UserTime.Zone = zone;
        }

        await next(context);
    }

    private static async Task<CultureInfo?> BrowserCultureAsync(HttpContext context)
    {
        var result = await Browser.DetermineProviderCultureResult(context);
        foreach (var name in result?.Cultures ?? [])
        {
            if (UserPreferencesService.Cultures.FirstOrDefault(c => c.Name.Equals(name.Value, StringComparison.OrdinalIgnoreCase)) is { } culture)
            {
                return culture;
            }
        }

        return null;
    }
}
