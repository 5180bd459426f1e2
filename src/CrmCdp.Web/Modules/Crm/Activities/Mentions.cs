namespace CrmCdp.Web.Modules.Crm.Activities;

/// <summary>A colleague a note can mention.</summary>
internal sealed record Mentionable(Guid Id, string? DisplayName, string? Email);

/// <summary>
/// Who a note mentions: <c>@Dana Smith</c> (the display name), <c>@dana@example.com</c> or <c>@dana</c> (the email or
/// its local part), in any case, ending where the name ends (not inside a longer word).
/// </summary>
internal static class Mentions
{
    public static IReadOnlyList<Guid> In(string? text, IEnumerable<Mentionable> users)
    {
        if (string.IsNullOrEmpty(text) || !text.Contains('@', StringComparison.Ordinal))
        {
            return [];
        }

        return [.. users.Where(user => Handles(user).Any(handle => Mentioned(text, handle))).Select(user => user.Id).Distinct()];
    }

    private static IEnumerable<string> Handles(Mentionable user)
    {
        if (!string.IsNullOrWhiteSpace(user.DisplayName))
        {
            yield return user.DisplayName.Trim();
        }

        if (!string.IsNullOrWhiteSpace(user.Email))
        {
            yield return user.Email;
            yield return user.Email.Split('@')[0];
        }
    }

    private static bool Mentioned(string text, string handle)
    {
        var needle = "@" + handle;
        for (var at = text.IndexOf(needle, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(needle, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var before = at == 0 ? ' ' : text[at - 1];
            var end = at + needle.Length;
            var after = end < text.Length ? text[end] : ' ';
            // "@dana" inside "x@dana.com" is an address, and "@dan" is not "@dana".
            if (!char.IsLetterOrDigit(before) && !char.IsLetterOrDigit(after) && after is not ('@' or '_' or '-') && !(after == '.' && end + 1 < text.Length && char.IsLetterOrDigit(text[end + 1])))
            {
                return true;
            }
        }

        return false;
    }
}
