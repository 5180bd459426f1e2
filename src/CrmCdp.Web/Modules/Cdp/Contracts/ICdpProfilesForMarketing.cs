using System.Text.Json;

namespace CrmCdp.Web.Modules.Cdp.Contracts;

/// <summary>
/// What marketing may know of a profile when it acts on it: its linked contact, its email address, its traits and computed
/// traits, whether the person agreed to marketing email, and whether they are on the suppression list.
/// </summary>
internal sealed record MarketingProfile(
    Guid Id, Guid? ContactId, string? UserId, string? Email, IReadOnlyDictionary<string, object?> Traits, IReadOnlyDictionary<string, object?> ComputedTraits,
    bool EmailConsent, bool Suppressed);

/// <summary>
/// The CDP's side of marketing: profiles, their events and the segment conditions, read in the caller's unit of work so a
/// journey step and its bookkeeping commit together.
/// </summary>
internal interface ICdpProfilesForMarketing
{
    /// <summary>The live profile (following merges to the survivor); null when it is gone (erased).</summary>
    Task<MarketingProfile?> LoadAsync(AppDbContext db, Guid profileId, CancellationToken cancellationToken = default);

    /// <summary>Whether the profile (or one merged into it) performed the event at or after the moment.</summary>
    Task<bool> PerformedSinceAsync(AppDbContext db, Guid profileId, string eventName, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Whether the profile performed an event the event condition (<c>{"type": "event", "event", "where"}</c>) counts, at or after the moment.</summary>
    Task<bool> PerformedSinceAsync(AppDbContext db, Guid profileId, JsonElement eventCondition, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Sets (or, with null, removes) a trait as automation (source <c>journey</c>); the profile's audiences follow.</summary>
    Task SetTraitAsync(AppDbContext db, Guid profileId, string trait, JsonElement? value, CancellationToken cancellationToken = default);

    /// <summary>
    /// The live profile of a CRM contact: the one linked to it, else the one holding its email or user id (linked now),
    /// else a new profile for its email (linked). Null when the contact is gone or has no email to know them by.
    /// </summary>
    Task<Guid?> ProfileOfContactAsync(AppDbContext db, Guid contactId, CancellationToken cancellationToken = default);

    /// <summary>The problems of a condition (the segment definition JSON), keyed under the path; empty when it is good.</summary>
    Task<IReadOnlyDictionary<string, string[]>> CheckConditionAsync(AppDbContext db, JsonElement condition, string path, CancellationToken cancellationToken = default);

    /// <summary>Whether the profile meets the condition now.</summary>
    Task<bool> MatchesAsync(AppDbContext db, Guid profileId, JsonElement condition, CancellationToken cancellationToken = default);

    /// <summary>The segments by name, to choose a journey's trigger from.</summary>
    Task<IReadOnlyList<(Guid Id, string Name)>> SegmentsAsync(AppDbContext db, CancellationToken cancellationToken = default);

    /// <summary>The segment's members now (a campaign's audience snapshot).</summary>
    Task<IReadOnlyList<Guid>> SegmentMembersAsync(AppDbContext db, Guid segmentId, CancellationToken cancellationToken = default);

    /// <summary>Whether a segment exists (a journey may be triggered by its entries).</summary>
    Task<bool> SegmentExistsAsync(AppDbContext db, Guid segmentId, CancellationToken cancellationToken = default);

    /// <summary>Revokes the profile's email consent at once, recording the change with its source (e.g. <c>unsubscribe</c>).</summary>
    Task RevokeEmailConsentAsync(AppDbContext db, Guid profileId, string source, CancellationToken cancellationToken = default);
}
