namespace CrmCdp.Web.Modules.Cdp.Identity;

/// <summary>Profiles joined into <see cref="Survivor"/> because an event carried <see cref="Via"/> (held by the merged one) and <see cref="Anchor"/>.</summary>
public sealed record MergeRecord(Guid Survivor, Guid Merged, Identifier Via, Identifier Anchor, string Rule);

/// <summary>An identifier an event carried that was not used, and why.</summary>
public sealed record DroppedIdentifier(Identifier Identifier, string Reason);

/// <summary>Where one event's identifiers led: its profile (null when none was usable) and what changed on the way.</summary>
public sealed record Resolution(
    Guid? ProfileId, bool Created, IReadOnlyList<Identifier> Added, IReadOnlyList<MergeRecord> Merges, IReadOnlyList<DroppedIdentifier> Dropped);

/// <summary>
/// The identity graph of the profiles an event batch touches: each identifier belongs to exactly one live profile. An
/// event's identifiers find its profile: none known, a new profile; one profile, the new identifiers join it; several,
/// they merge, unless that breaks a limit or would join two different user_ids; then the event's lowest-priority
/// identifier is dropped and matching is retried (so two users on one shared device stay two profiles).
/// </summary>
public sealed class IdentityGraph(IdentityRules rules, Func<Guid>? newProfileId = null)
{
    private readonly Func<Guid> _newProfileId = newProfileId ?? Guid.CreateVersion7;
    private readonly Dictionary<Identifier, Guid> _owners = [];
    private readonly Dictionary<Guid, HashSet<Identifier>> _profiles = [];
    private readonly Dictionary<Guid, long> _order = [];
    private long _nextOrder = long.MaxValue / 2;

    public IdentityRules Rules => rules;

    public IEnumerable<Guid> Profiles => _profiles.Keys;

    /// <summary>Adds a stored profile and its identifiers; <paramref name="order"/> is its creation order (the oldest survives merges).</summary>
    public void Load(Guid profile, long order, IEnumerable<Identifier> identifiers)
    {
        var set = _profiles.TryGetValue(profile, out var existing) ? existing : _profiles[profile] = [];
        _order[profile] = order;
        foreach (var identifier in identifiers)
        {
            set.Add(identifier);
            _owners[identifier] = profile;
        }
    }

    public Guid? ProfileOf(Identifier identifier) => _owners.TryGetValue(identifier, out var profile) ? profile : null;

    public IReadOnlyCollection<Identifier> IdentifiersOf(Guid profile) => _profiles.TryGetValue(profile, out var set) ? set : [];

    /// <summary>Resolves one event's identifiers (blocked values are ignored), changing the graph.</summary>
    public Resolution Resolve(IEnumerable<Identifier> identifiers)
    {
        var dropped = new List<DroppedIdentifier>();
        var candidates = new List<Identifier>();
        foreach (var identifier in identifiers.Distinct())
        {
            if (rules.IsBlocked(identifier.Value))
            {
                dropped.Add(new DroppedIdentifier(identifier, "blocked value, never used for matching"));
            }
            else
            {
                candidates.Add(identifier);
            }
        }

        candidates = [.. candidates.OrderBy(i => rules.Rank(i.Type)).ThenBy(i => i.Type, StringComparer.Ordinal).ThenBy(i => i.Value, StringComparer.Ordinal)];
        while (candidates.Count > 0)
        {
            var owners = candidates.Select(ProfileOf).OfType<Guid>().Distinct().OrderBy(p => _order[p]).ToList();
            if (Violation(owners, candidates) is { } reason)
            {
                var lowest = candidates[^1];
                candidates.RemoveAt(candidates.Count - 1);
                dropped.Add(new DroppedIdentifier(lowest, reason));
                continue;
            }

            return Join(owners, candidates, dropped);
        }

        return new Resolution(null, false, [], [], dropped);
    }

    /// <summary>Moves <paramref name="moving"/> out of <paramref name="profile"/> into a new profile (a data steward's split); returns the new profile.</summary>
    public Guid Split(Guid profile, IReadOnlyCollection<Identifier> moving)
    {
        var set = _profiles[profile];
        var created = NewProfile();
        foreach (var identifier in moving.Where(set.Contains))
        {
            set.Remove(identifier);
            _profiles[created].Add(identifier);
            _owners[identifier] = created;
        }

        return created;
    }

    private Resolution Join(List<Guid> owners, List<Identifier> identifiers, List<DroppedIdentifier> dropped)
    {
        var created = owners.Count == 0;
        var survivor = created ? NewProfile() : owners[0];
        var merges = new List<MergeRecord>();
        foreach (var merged in owners.Skip(1))
        {
            var via = identifiers.First(i => ProfileOf(i) == merged);
            var anchor = identifiers.First(i => ProfileOf(i) == survivor);
            foreach (var identifier in _profiles[merged])
            {
                _profiles[survivor].Add(identifier);
                _owners[identifier] = survivor;
            }

            _profiles.Remove(merged);
            merges.Add(new MergeRecord(survivor, merged, via, anchor, $"One event carried {via} and {anchor}; the joined profile keeps every limit ({LimitsText()}) and at most one user_id."));
        }

        var added = new List<Identifier>();
        foreach (var identifier in identifiers.Where(i => ProfileOf(i) is null))
        {
            _profiles[survivor].Add(identifier);
            _owners[identifier] = survivor;
            added.Add(identifier);
        }

        return new Resolution(survivor, created, added, merges, dropped);
    }

    /// <summary>Why joining <paramref name="owners"/> and the event's identifiers would break a rule; null when it would not.</summary>
    private string? Violation(List<Guid> owners, List<Identifier> identifiers)
    {
        if (owners.Count > 1)
        {
            var userIds = owners.SelectMany(p => _profiles[p]).Where(i => i.Type == IdentifierTypes.UserId).Select(i => i.Value).Distinct().Count();
            if (userIds > 1)
            {
                return "joining would merge two profiles with different user_ids";
            }
        }

        var joined = owners.SelectMany(p => _profiles[p]).Concat(identifiers).Distinct();
        foreach (var group in joined.GroupBy(i => i.Type))
        {
            if (rules.LimitOf(group.Key) is { } limit && group.Count() > limit)
            {
                return $"a profile holds at most {limit} {group.Key}";
            }
        }

        return null;
    }

    private Guid NewProfile()
    {
        var id = _newProfileId();
        _profiles[id] = [];
        _order[id] = _nextOrder++;
        return id;
    }

    private string LimitsText() => string.Join(", ", rules.Limits.Select(l => $"{l.Key} ≤ {l.Value}"));
}
