namespace CrmCdp.Web.Platform.Preferences;

/// <summary>
/// The time zone of the person being served, for showing times: set per request (and per circuit, which lives in
/// its connection's request) by <see cref="UserPreferencesMiddleware"/> from their preferences.
/// </summary>
internal static class UserTime
{
    private static readonly AsyncLocal<TimeZoneInfo?> Current = new();

    /// <summary>The user's zone; the server's when they chose none.</summary>
    public static TimeZoneInfo Zone
    {
        get => Current.Value ?? TimeZoneInfo.Local;
        set => Current.Value = value;
    }

    /// <summary>The moment on the user's clock.</summary>
    public static DateTimeOffset InUserZone(this DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>A wall-clock time the user typed or picked, read in their zone.</summary>
    public static DateTimeOffset FromUserZone(this DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified));
    }
}
