using System.Text.RegularExpressions;

namespace CrmCdp.Web.Modules.Cdp.Identity;

/// <summary>
/// How identifiers may join profiles: the priority of identifier types (the lowest is dropped first when a match
/// breaks a rule), limits per profile and type, and values never used for matching.
/// </summary>
public sealed class IdentityRules
{
    public static readonly IReadOnlyList<string> DefaultBlockedValues =
        ["null", "undefined", "0", "-1", "anonymous", "guest", "[object Object]", "none", "nil", "n/a", "unknown", "test", "00000000-0000-0000-0000-000000000000"];

    private readonly HashSet<string> _blocked;
    private readonly Regex[] _patterns;

    public IdentityRules(
        IReadOnlyList<string>? priority = null, IReadOnlyDictionary<string, int>? limits = null,
        IEnumerable<string>? blockedValues = null, IEnumerable<string>? blockedPatterns = null)
    {
        Priority = priority ?? [IdentifierTypes.UserId, IdentifierTypes.Email, IdentifierTypes.Phone, IdentifierTypes.AnonymousId];
        Limits = limits ?? new Dictionary<string, int> { [IdentifierTypes.UserId] = 1, [IdentifierTypes.Email] = 5 };
        _blocked = new HashSet<string>(blockedValues ?? DefaultBlockedValues, StringComparer.OrdinalIgnoreCase);
        _patterns = [.. (blockedPatterns ?? []).Select(p => new Regex(p, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(50)))];
    }

    /// <summary>Types from the most to the least trusted; custom types not listed rank just above anonymous_id.</summary>
    public IReadOnlyList<string> Priority { get; }

    /// <summary>The most identifiers of a type one profile may hold; a type without a limit is unlimited.</summary>
    public IReadOnlyDictionary<string, int> Limits { get; }

    public IEnumerable<string> BlockedValues => _blocked;

    public IEnumerable<string> BlockedPatterns => _patterns.Select(p => p.ToString());

    /// <summary>Lower is more trusted.</summary>
    public int Rank(string type)
    {
        var index = Priority.IndexOf(type);
        if (index >= 0)
        {
            return index * 2;
        }

        var anonymous = Priority.IndexOf(IdentifierTypes.AnonymousId);
        return anonymous >= 0 ? (anonymous * 2) - 1 : Priority.Count * 2;
    }

    public int? LimitOf(string type) => Limits.TryGetValue(type, out var limit) ? limit : null;

    public bool IsBlocked(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        var trimmed = value.Trim();
        if (_blocked.Contains(trimmed))
        {
            return true;
        }

        foreach (var pattern in _patterns)
        {
            try
            {
                if (pattern.IsMatch(trimmed))
                {
                    return true;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological pattern never blocks matching by accident; it just does not apply to this value.
            }
        }

        return false;
    }
}

internal static class ListExtensions
{
    public static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }
}
