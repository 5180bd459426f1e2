using System.Globalization;
using Microsoft.Extensions.Caching.Memory;

namespace CrmCdp.Web.Platform.Preferences;

public sealed record PreferencesDto(string? Culture, string? TimeZone, IReadOnlyList<string> MutedNotifications)
{
    public bool TrackEmails { get; init; }
}

public sealed class PreferencesInput
{
    /// <summary>A culture such as en-GB or de-DE for dates and numbers; null follows the browser.</summary>
    public string? Culture { get; set; }

    /// <summary>An IANA time zone such as Europe/Berlin; null uses the server's.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Notification kinds not wanted: task_assigned, task_reminder, deal_assigned, ticket_assigned, ticket_sla, mention.</summary>
    public List<string>? MutedNotifications { get; set; }

    /// <summary>Track opens and clicks of the emails I send, where the contact consented to email; null keeps the setting.</summary>
    public bool? TrackEmails { get; set; }
}

/// <summary>Each user's own choices: how dates and numbers read, their time zone, which notifications they get.</summary>
internal sealed class UserPreferencesService(IDbContextFactory<AppDbContext> dbFactory, IMemoryCache cache)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    public async Task<OperationResult<PreferencesDto>> GetAsync(AccessContext access, CancellationToken cancellationToken = default) =>
        access.UserId is { } userId
            ? OperationResult<PreferencesDto>.Ok(ToDto(await LoadAsync(userId, cancellationToken)))
            : OperationResult<PreferencesDto>.Forbidden("Preferences belong to users; an API key has none.");

    public async Task<OperationResult<PreferencesDto>> SaveAsync(AccessContext access, PreferencesInput input, CancellationToken cancellationToken = default)
    {
        if (access.UserId is not { } userId)
        {
            return OperationResult<PreferencesDto>.Forbidden("Preferences belong to users; an API key has none.");
        }

        var errors = Problems(input);
        if (errors.Count > 0)
        {
            return OperationResult<PreferencesDto>.Invalid(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.Set<UserPreferences>().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (stored is null)
        {
            stored = new UserPreferences { UserId = userId };
            db.Add(stored);
        }

        stored.Culture = Blank(input.Culture);
        stored.TimeZone = Blank(input.TimeZone);
        stored.MutedNotifications = [.. (input.MutedNotifications ?? []).Distinct(StringComparer.Ordinal)];
        stored.TrackEmails = input.TrackEmails ?? stored.TrackEmails;
        await db.SaveChangesAsync(cancellationToken);
        cache.Remove(Key(userId));
        return OperationResult<PreferencesDto>.Ok(ToDto(stored));
    }

    /// <summary>Whether the user tracks the emails they send unless an email says otherwise.</summary>
    [SystemAccess("Read for the sender while their own email is composed.")]
    public async Task<bool> TracksEmailsAsync(Guid userId, CancellationToken cancellationToken = default) => (await LoadAsync(userId, cancellationToken)).TrackEmails;

    /// <summary>The user's culture and zone for serving a request; cached briefly, as every request asks.</summary>
    public async Task<(CultureInfo? Culture, TimeZoneInfo? Zone)> ForServingAsync(Guid userId, CancellationToken cancellationToken = default) =>
        await cache.GetOrCreateAsync(Key(userId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            var preferences = await LoadAsync(userId, cancellationToken);
            return (preferences.Culture is { } culture ? CultureInfo.GetCultureInfo(culture) : null,
                preferences.TimeZone is { } zone && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) ? found : null);
        });

    /// <summary>Culture names offered in the settings: the specific cultures .NET knows.</summary>
    public static IReadOnlyList<CultureInfo> Cultures { get; } =
        [.. CultureInfo.GetCultures(CultureTypes.SpecificCultures).Where(c => c.Name.Length > 0).OrderBy(c => c.DisplayName, StringComparer.Ordinal)];

    public static IReadOnlyList<string> TimeZones { get; } =
        [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal) || id == "UTC").Order(StringComparer.Ordinal)];

    private static Dictionary<string, string[]> Problems(PreferencesInput input)
    {
        var errors = new Dictionary<string, string[]>();
        if (Blank(input.Culture) is { } culture && !Cultures.Any(c => c.Name.Equals(culture, StringComparison.OrdinalIgnoreCase)))
        {
            errors["culture"] = ["Choose a culture such as en-GB, en-US or de-DE."];
        }

        if (Blank(input.TimeZone) is { } zone && (zone.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)))
        {
            errors["timeZone"] = ["Choose a time zone such as Europe/Berlin or America/New_York."];
        }

        if (input.MutedNotifications?.FirstOrDefault(kind => !Notifications.NotificationKinds.IsKnown(kind)) is { } unknown)
        {
            errors["mutedNotifications"] = [$"“{unknown}” is not a kind of notification. Use: {string.Join(", ", Notifications.NotificationKinds.All.Select(k => k.Kind))}."];
        }

        return errors;
    }

    private async Task<UserPreferences> LoadAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<UserPreferences>().AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken) ?? new UserPreferences { UserId = userId };
    }

    private static PreferencesDto ToDto(UserPreferences preferences) =>
        new(preferences.Culture, preferences.TimeZone, preferences.MutedNotifications) { TrackEmails = preferences.TrackEmails };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Key(Guid userId) => $"preferences:{userId}";
}
