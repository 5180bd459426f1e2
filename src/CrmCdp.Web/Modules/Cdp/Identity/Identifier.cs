namespace CrmCdp.Web.Modules.Cdp.Identity;

/// <summary>One identifier of a person: its type (user_id, anonymous_id, email, phone or a custom id type) and value.</summary>
public sealed record Identifier(string Type, string Value)
{
    public override string ToString() => $"{Type}:{Value}";
}

public static class IdentifierTypes
{
    public const string UserId = "user_id";
    public const string AnonymousId = "anonymous_id";
    public const string Email = "email";
    public const string Phone = "phone";
    public const int MaxTypeLength = 64;
    public const int MaxValueLength = 255;

    /// <summary>Custom types (from <c>context.externalIds</c>) as stored: lower case, letters, digits, <c>_</c>, <c>-</c> and <c>.</c>.</summary>
    public static string? NormalizeType(string? type)
    {
        var trimmed = type?.Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxTypeLength || !trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
            ? null
            : trimmed;
    }
}
