using System.Text.Json.Nodes;

namespace CrmCdp.Web.Modules.Cdp.Identity;

/// <summary>A profile's traits and activity while a batch is resolved: last write by event time wins per trait.</summary>
internal sealed class ProfileState(Guid id, bool isNew, JsonObject traits, JsonObject traitSources)
{
    public Guid Id { get; } = id;

    public bool IsNew { get; } = isNew;

    /// <summary>
    /// Not loaded: the batch only counts this profile's events (see <see cref="ResolutionBatch"/>), so its activity
    /// columns hold this batch's part, to be added to the stored row.
    /// </summary>
    public bool IsDelta { get; init; }

    public JsonObject Traits { get; } = traits;

    /// <summary>Per trait: {"at", "sourceId", "eventId"} of the value kept.</summary>
    public JsonObject TraitSources { get; } = traitSources;

    public DateTimeOffset? FirstSeenAt { get; set; }

    public DateTimeOffset? LastSeenAt { get; set; }

    public long EventCount { get; set; }

    public bool Changed { get; private set; }

    /// <summary>Whether traits or consent changed; when not, saving the activity columns is enough.</summary>
    public bool StateChanged { get; private set; }

    /// <summary>The consent state (categoryPreferences from events); loaded with the profile.</summary>
    public JsonObject Consent { get; set; } = [];

    /// <summary>When the kept categoryPreferences were sent (kept in the consent state itself).</summary>
    public DateTimeOffset? ConsentAt
    {
        get => Consent["categoryPreferencesAt"] is JsonValue value && value.TryGetValue<DateTimeOffset>(out var at) ? at : null;
        private set => Consent["categoryPreferencesAt"] = value;
    }

    /// <summary>Consent changes made in this batch: the event and the state after it.</summary>
    public List<(long EventId, DateTimeOffset At, string State)> ConsentChanges { get; } = [];

    public void Apply(ResolvableEvent e)
    {
        EventCount++;
        FirstSeenAt = FirstSeenAt is { } first && first <= e.Timestamp ? first : e.Timestamp;
        LastSeenAt = LastSeenAt is { } last && last >= e.Timestamp ? last : e.Timestamp;
        foreach (var (name, value) in e.TraitUpdates())
        {
            Set(name, value?.DeepClone(), e.Timestamp, new JsonObject { ["at"] = e.Timestamp, ["sourceId"] = e.SourceId, ["eventId"] = e.Id });
        }

        if (e.ConsentPreferences is { } preferences && (ConsentAt is null || e.Timestamp >= ConsentAt))
        {
            ConsentAt = e.Timestamp;
            StateChanged = true;
            if (!JsonNode.DeepEquals(Consent["categoryPreferences"], preferences))
            {
                Consent["categoryPreferences"] = preferences.DeepClone();
                ConsentChanges.Add((e.Id, e.Timestamp, Consent.ToJsonString()));
            }
        }

        Changed = true;
    }

    /// <summary>Takes a merged profile's activity and its traits where they are newer.</summary>
    public void Absorb(ProfileState merged)
    {
        EventCount += merged.EventCount;
        FirstSeenAt = Min(FirstSeenAt, merged.FirstSeenAt);
        LastSeenAt = Max(LastSeenAt, merged.LastSeenAt);
        if (merged.ConsentAt is { } mergedAt && (ConsentAt is null || mergedAt > ConsentAt) && merged.Consent["categoryPreferences"] is { } preferences)
        {
            (ConsentAt, Consent["categoryPreferences"]) = (mergedAt, preferences.DeepClone());
        }

        foreach (var (name, value) in merged.Traits)
        {
            var source = merged.TraitSources[name] as JsonObject;
            Set(name, value?.DeepClone(), At(source) ?? DateTimeOffset.MinValue, (JsonObject?)source?.DeepClone() ?? []);
        }

        Changed = true;
        StateChanged = true;
    }

    private void Set(string name, JsonNode? value, DateTimeOffset at, JsonObject source)
    {
        if (At(TraitSources[name] as JsonObject) is { } current && current > at)
        {
            return;
        }

        Traits[name] = value;
        TraitSources[name] = source;
        StateChanged = true;
    }

    private static DateTimeOffset? At(JsonObject? source) =>
        source?["at"] is JsonValue value && value.TryGetValue<DateTimeOffset>(out var at) ? at : null;

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
