using System.Security.Cryptography;

namespace CrmCdp.Web.Modules.Admin.Users;

/// <summary>A random password meeting the policy (length, upper, lower, digit), for new users and resets.</summary>
internal static class TemporaryPassword
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";

    public static string Generate()
    {
        var all = Upper + Lower + Digits;
        var chars = new List<char> { Pick(Upper), Pick(Lower), Pick(Digits) };
        chars.AddRange(Enumerable.Range(0, 13).Select(_ => Pick(all)));
        return new string([.. chars.OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue))]);
    }

    private static char Pick(string from) => from[RandomNumberGenerator.GetInt32(from.Length)];
}
