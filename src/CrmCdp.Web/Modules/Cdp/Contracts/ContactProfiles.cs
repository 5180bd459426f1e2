
namespace CrmCdp.Web.Modules.Cdp.Contracts;

/// <summary>What a contact's 360 page shows of the CDP profile linked to it.</summary>
public sealed record ContactProfileSummary(
    Guid ProfileId, long EventCount, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt, IReadOnlyList<KeyValuePair<string, string>> Traits,
    IReadOnlyList<KeyValuePair<string, long>> TopEvents, IReadOnlyList<ContactProfileEvent> RecentEvents)
{
    /// <summary>The segments the profile is in (names), for the sales rep's context.</summary>
    public IReadOnlyList<string> Segments { get; init; } = [];

    /// <summary>The profile's intent score (0–100), when the intent_score computed trait exists.</summary>
    public decimal? IntentScore { get; init; }

    /// <summary>Every computed trait's value, as people read it.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ComputedTraits { get; init; } = [];
}

public sealed record ContactProfileEvent(string Type, string? Name, DateTimeOffset Timestamp);

/// <summary>The CDP's side of the CRM join: the profile linked to a contact (by a shared email), if any.</summary>
internal interface IContactProfiles
{
    Task<ContactProfileSummary?> ForContactAsync(AccessContext access, Guid contactId, CancellationToken cancellationToken = default);
}
