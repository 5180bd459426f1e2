using System.Text.Json;

namespace CrmCdp.Web.Modules.Cdp.Profiles;

public sealed record IdentifierDto(string Type, string Value, DateTimeOffset FirstSeenAt);

public sealed record ProfileDto(
    Guid Id, IReadOnlyList<IdentifierDto> Identifiers, JsonElement Traits, JsonElement TraitSources, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt,
    long EventCount, Guid? ContactId, Guid? RequestedId)
{
    /// <summary>Consent state: categoryPreferences from events (with categoryPreferencesAt), email / sms from the linked contact.</summary>
    public JsonElement Consent { get; init; }

    /// <summary>The segments the profile is in now, with when it entered each.</summary>
    public IReadOnlyList<Segments.ProfileSegmentDto> Segments { get; init; } = [];

    /// <summary>Every computed trait's current value for the profile (0 when it has no matching events in the window).</summary>
    public IReadOnlyDictionary<string, object> ComputedTraits { get; init; } = new Dictionary<string, object>();
}

public sealed record ConsentChangeDto(string Source, long? EventId, Guid? ContactId, JsonElement State, DateTimeOffset At);

public sealed record ProfileEventDto(
    long Id, string Type, string? Event, DateTimeOffset Timestamp, DateTimeOffset ReceivedAt, JsonElement? Properties, JsonElement? Traits, JsonElement? Context,
    string MessageId, Guid SourceId);

public sealed record ProfileEventPage(IReadOnlyList<ProfileEventDto> Items, string? NextCursor);

public sealed record ProfileMergeDto(
    long Id, string Kind, Guid SurvivorId, Guid MergedId, string? ViaType, string? ViaValue, string? AnchorType, string? AnchorValue, long? EventId,
    string Rule, DateTimeOffset At);

public sealed class IdentifierInput
{
    public string? Type { get; set; }

    public string? Value { get; set; }
}

public sealed class SplitInput
{
    /// <summary>The identifiers that move to the new profile; the others stay.</summary>
    public List<IdentifierInput>? Identifiers { get; set; }
}

public sealed record SplitResult(ProfileDto Kept, ProfileDto Split);

public sealed record TraitChangeDto(string Name, JsonElement Value, DateTimeOffset At, Guid SourceId, long EventId);
