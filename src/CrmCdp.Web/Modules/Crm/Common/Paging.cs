namespace CrmCdp.Web.Modules.Crm.Common;

/// <summary>An API page: the items and the cursor to pass as <c>?cursor=</c> for the next page (null at the end).</summary>
internal sealed record KeysetPage<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>A UI page: the items and how many match, counted only up to <see cref="ListCount.Cap"/>.</summary>
internal sealed record OffsetPage<T>(IReadOnlyList<T> Items, ListCount Count);

/// <summary>"42" or "more than 10,000": counting every match of a large table on each page load is what makes CRMs slow.</summary>
internal sealed record ListCount(int Value, bool IsLowerBound, int Limit = ListCount.Cap)
{
    public const int Cap = 10_000;
    public const int SearchCap = 1_000;

    public override string ToString() => IsLowerBound ? $"more than {Limit:N0}" : Value.ToString("N0", System.Globalization.CultureInfo.CurrentCulture);
}

internal static class SearchPatterns
{
    /// <summary>An ILIKE pattern matching the text anywhere, with the user's % and _ taken literally.</summary>
    public static string Contains(string text) =>
        "%" + text.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    /// <summary>For "415 555-01": the digits, so the search meets E.164 phones; null when the text is not phone-like.</summary>
    public static string? PhoneDigits(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length < 3 || !trimmed.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.'))
        {
            return null;
        }

        var digits = new string([.. trimmed.Where(char.IsAsciiDigit)]);
        return digits.Length >= 3 ? digits : null;
    }

    public static int ClampLimit(int? limit, int fallback = 50, int max = 200) => Math.Clamp(limit ?? fallback, 1, max);
}
