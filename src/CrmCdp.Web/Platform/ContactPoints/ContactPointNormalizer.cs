using System.Net.Mail;
using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace CrmCdp.Web.Platform.ContactPoints;

/// <summary>
/// One spelling per email and phone, so duplicates are found and lookups hit an index:
/// emails trimmed and lower-cased, phones in E.164 (+14155550100).
/// </summary>
internal sealed class ContactPointNormalizer(IOptions<ContactPointOptions> options)
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    private readonly string _defaultRegion = options.Value.DefaultPhoneRegion is { Length: 2 } region ? region.ToUpperInvariant() : "US";

    public static string? NormalizeEmail(string? email)
    {
        var trimmed = email?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 254 || !MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed)
        {
            return null;
        }

        var at = trimmed.LastIndexOf('@');
        return at <= 0 || at == trimmed.Length - 1 || !trimmed[(at + 1)..].Contains('.', StringComparison.Ordinal)
            ? null
            : trimmed.ToLowerInvariant();
    }

    /// <summary>E.164 for a valid number (national numbers read in the default region), else null.</summary>
    public string? NormalizePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone) || phone.Length > 40)
        {
            return null;
        }

        try
        {
            var parsed = Phones.Parse(phone, _defaultRegion);
            return Phones.IsValidNumber(parsed) ? Phones.Format(parsed, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    public static string? NormalizeDomain(string? domain)
    {
        var value = domain?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (Uri.TryCreate(value.Contains("://", StringComparison.Ordinal) ? value : "http://" + value, UriKind.Absolute, out var uri))
        {
            value = uri.Host;
        }

        value = value.StartsWith("www.", StringComparison.Ordinal) ? value[4..] : value;
        return value.Contains('.', StringComparison.Ordinal) && Uri.CheckHostName(value) == UriHostNameType.Dns ? value : null;
    }
}
