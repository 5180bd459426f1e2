namespace CrmCdp.Web.Platform.Privacy;

/// <summary>How personal values look to someone who may not see them: enough to tell records apart, not to contact anyone.</summary>
internal static class PiiMask
{
    public const string Hidden = "***";

    /// <summary>"dana@example.com" → "d***@example.com".</summary>
    public static string Email(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? Hidden : $"{email[0]}{Hidden}{email[at..]}";
    }

    /// <summary>"+4915112345678" → "+49*******78": country code and last two digits.</summary>
    public static string Phone(string phone) =>
        phone.Length <= 5 ? Hidden : $"{phone[..3]}{new string('*', phone.Length - 5)}{phone[^2..]}";

    /// <summary>"Dana" → "D***".</summary>
    public static string Name(string name) => name.Length == 0 ? name : $"{name[0]}{Hidden}";

    /// <summary>Masks a free-text value that may hold any of the above (e.g. a timeline change of the emails field).</summary>
    public static string Text(string? value) => string.IsNullOrEmpty(value) ? "" : Hidden;
}
