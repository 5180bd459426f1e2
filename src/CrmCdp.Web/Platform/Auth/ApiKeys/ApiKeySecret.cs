using System.Security.Cryptography;
using System.Text;

namespace CrmCdp.Web.Platform.Auth.ApiKeys;

/// <summary>Creates API key secrets and the hash under which they are stored.</summary>
internal static class ApiKeySecret
{
    public const string KeyPrefix = "crm_";

    private const int PrefixLength = 12;

    public static string Generate() =>
        KeyPrefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// Keys are 256 random bits, so a fast hash is enough: there is nothing to brute-force,
    /// and a hash lets the handler find a key with one indexed look-up.
    /// </summary>
    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string DisplayPrefix(string key) => key.Length <= PrefixLength ? key : key[..PrefixLength];

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
