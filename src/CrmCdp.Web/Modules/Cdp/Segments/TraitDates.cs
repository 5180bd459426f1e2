using System.Globalization;
using System.Text.RegularExpressions;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>
/// What counts as a date in a trait: an ISO 8601 date, or date and time with an optional Z or ±hh:mm offset (no offset
/// means UTC). The SQL compiler and the in-memory evaluator use this same pattern, and PostgreSQL reads it through
/// <c>cdp_try_timestamptz</c> (UTC, NULL for impossible dates), so both agree on every value.
/// </summary>
internal static partial class TraitDates
{
    /// <summary>The pattern as PostgreSQL's regular expressions read it.</summary>
    public const string SqlPattern = @"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?)?$";

    public static DateTimeOffset? Parse(string? text) =>
        text is not null && Iso().IsMatch(text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;

    [GeneratedRegex(SqlPattern, RegexOptions.CultureInvariant)]
    private static partial Regex Iso();
}
