using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CrmCdp.TestSupport;

/// <summary>Waits for identity resolution to give a profile the state a test needs (it works in the background, in batches).</summary>
public static class ProfileLookup
{
    /// <summary>The profile holding the identifier once <paramref name="ready"/> holds for it.</summary>
    public static Task<JsonElement> ProfileWhenAsync(this HttpClient api, string type, string value, Func<JsonElement, bool> ready, CancellationToken cancellationToken = default) =>
        Eventually.UntilAsync(
            async () =>
            {
                using var response = await api.GetAsync($"/api/v1/profiles/lookup?type={type}&value={Uri.EscapeDataString(value)}", cancellationToken);
                return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken) : default;
            },
            profile => profile.ValueKind == JsonValueKind.Object && ready(profile),
            $"the profile of {type} {value} getting ready",
            cancellationToken: cancellationToken);

    /// <summary>The profile holding the identifier once all its <paramref name="events"/> are resolved.</summary>
    public static Task<JsonElement> ProfileWithEventsAsync(this HttpClient api, string type, string value, long events, CancellationToken cancellationToken = default) =>
        api.ProfileWhenAsync(type, value, profile => profile.GetProperty("eventCount").GetInt64() == events, cancellationToken);
}
