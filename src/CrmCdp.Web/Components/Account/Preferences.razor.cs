using System.Globalization;
using CrmCdp.Web.Modules.Crm.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Components.Account;

/// <summary>The signed-in user's own choices: how dates and numbers read, their time zone, which notifications they get.</summary>
public partial class Preferences
{
    private readonly PreferencesInput _input = new();
    private HashSet<string> _muted = [];
    private bool _loaded;
    private bool _saving;

    [Inject]
    private UserPreferencesService Service { get; set; } = default!;

    private FieldErrors Errors { get; } = new();

    private static string Example => DateTimeOffset.UtcNow.InUserZone().ToString("f", CultureInfo.CurrentCulture) + " · " + 1234567.89m.ToString("N2", CultureInfo.CurrentCulture);

    protected override async Task OnInitializedAsync()
    {
        if ((await Service.GetAsync(await AccessAsync())).Value is { } preferences)
        {
            (_input.Culture, _input.TimeZone, _input.TrackEmails) = (preferences.Culture, preferences.TimeZone, preferences.TrackEmails);
            _muted = [.. preferences.MutedNotifications];
        }

        _loaded = true;
    }

    private static string CultureName(string name) => CultureInfo.GetCultureInfo(name).DisplayName;

    private static Task<IEnumerable<string>> SearchCulturesAsync(string? text, CancellationToken cancellationToken) => Task.FromResult(
        UserPreferencesService.Cultures.Where(c => string.IsNullOrWhiteSpace(text) || c.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
            || c.DisplayName.Contains(text, StringComparison.OrdinalIgnoreCase)).Select(c => c.Name));

    private static Task<IEnumerable<string>> SearchZonesAsync(string? text, CancellationToken cancellationToken) => Task.FromResult(
        UserPreferencesService.TimeZones.Where(z => string.IsNullOrWhiteSpace(text) || z.Contains(text.Replace(' ', '_'), StringComparison.OrdinalIgnoreCase)));

    private void Toggle(string kind, bool on)
    {
        if (on)
        {
            _muted.Remove(kind);
        }
        else
        {
            _muted.Add(kind);
        }
    }

    private async Task SaveAsync()
    {
        _saving = true;
        _input.MutedNotifications = [.. _muted];
        var result = await Service.SaveAsync(await AccessAsync(), _input);
        Errors.Set(result.Errors, key => char.ToUpperInvariant(key[0]) + key[1..]);
        _saving = false;
        if (result.Value is not null)
        {
            // Dates and times follow the new choice on the next page load, when the connection starts again.
            Snackbar.Add("Preferences saved. Reloading to apply them…", Severity.Success);
            Navigation.NavigateTo(Navigation.Uri, forceLoad: true);
        }
        else if (result.Errors is null)
        {
            Snackbar.Add(result.Message ?? "The preferences could not be saved.", Severity.Error);
        }
    }
}
