using System.Text.Json.Nodes;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>
/// A person's segment story for privacy requests: memberships, every entry and exit, what activation did with each entry,
/// and their computed trait values. Erasure deletes all of it (these tables have no foreign key to profiles).
/// </summary>
internal sealed class SegmentHistory
{
    private readonly Dictionary<Guid, string> _names;
    private readonly List<SegmentMember> _members;
    private readonly List<SegmentMembershipChange> _changes;
    private readonly List<SegmentActivation> _activations;
    private readonly List<ProfileComputedValue> _computed;

    private SegmentHistory(Dictionary<Guid, string> names, List<SegmentMember> members, List<SegmentMembershipChange> changes, List<SegmentActivation> activations, List<ProfileComputedValue> computed) =>
        (_names, _members, _changes, _activations, _computed) = (names, members, changes, activations, computed);

    public static async Task<SegmentHistory> ForAsync(AppDbContext db, IReadOnlyCollection<Guid> profileIds, CancellationToken cancellationToken)
    {
        var members = await db.Set<SegmentMember>().Where(m => profileIds.Contains(m.ProfileId)).AsNoTracking().ToListAsync(cancellationToken);
        var changes = await db.Set<SegmentMembershipChange>().Where(c => profileIds.Contains(c.ProfileId)).OrderBy(c => c.Id).AsNoTracking().ToListAsync(cancellationToken);
        var activations = await db.Set<SegmentActivation>().Where(a => profileIds.Contains(a.ProfileId)).OrderBy(a => a.Id).AsNoTracking().ToListAsync(cancellationToken);
        var computed = await db.Set<ProfileComputedValue>().Where(v => profileIds.Contains(v.ProfileId)).AsNoTracking().ToListAsync(cancellationToken);
        var names = await db.Set<Segment>().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        return new SegmentHistory(names, members, changes, activations, computed);
    }

    public static async Task DeleteAsync(AppDbContext db, IReadOnlyCollection<Guid> profileIds, CancellationToken cancellationToken)
    {
        await db.Set<SegmentActivation>().Where(a => profileIds.Contains(a.ProfileId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<SegmentMembershipChange>().Where(c => profileIds.Contains(c.ProfileId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<SegmentMember>().Where(m => profileIds.Contains(m.ProfileId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<ProfileComputedValue>().Where(v => profileIds.Contains(v.ProfileId)).ExecuteDeleteAsync(cancellationToken);
    }

    public JsonArray Memberships(Guid profileId) =>
        [.. _members.Where(m => m.ProfileId == profileId).Select(m => (JsonNode?)new JsonObject { ["segmentId"] = m.SegmentId, ["segment"] = Name(m.SegmentId), ["enteredAt"] = m.EnteredAt })];

    public JsonArray Changes(Guid profileId) =>
        [.. _changes.Where(c => c.ProfileId == profileId).Select(c => (JsonNode?)new JsonObject { ["segmentId"] = c.SegmentId, ["segment"] = Name(c.SegmentId), ["kind"] = c.Kind, ["at"] = c.At })];

    public JsonArray Activations(Guid profileId) =>
        [.. _activations.Where(a => a.ProfileId == profileId).Select(a => (JsonNode?)new JsonObject
        {
            ["segmentId"] = a.SegmentId, ["segment"] = Name(a.SegmentId), ["outcome"] = a.Outcome, ["taskId"] = a.TaskId, ["at"] = a.At,
        })];

    public JsonObject Computed(Guid profileId) =>
        new(_computed.Where(v => v.ProfileId == profileId).OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => KeyValuePair.Create(v.Key, v.TextValue is { } text ? (JsonNode?)text : v.Value)));

    private string? Name(Guid segmentId) => _names.GetValueOrDefault(segmentId);
}
