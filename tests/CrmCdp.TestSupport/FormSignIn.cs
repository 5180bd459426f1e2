using System.Net;
using System.Text.RegularExpressions;

namespace CrmCdp.TestSupport;

/// <summary>Signs in through the real login form, as a browser would (antiforgery token included).</summary>
public static partial class FormSignIn
{
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var loginPath = "/account/login" + (returnUrl is null ? "" : $"?returnUrl={Uri.EscapeDataString(returnUrl)}");
        var page = await client.GetStringAsync(loginPath);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return await client.PostAsync(loginPath, form);
    }

    /// <summary>Signs in and fails loudly unless the login redirected (success).</summary>
    public static async Task SignInAsync(HttpClient client, string email, string password)
    {
        using var response = await PostLoginAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {email} failed: {(int)response.StatusCode}");
        }
    }

    /// <summary>Posts one of the app's server-rendered forms the way a browser does: fetch the page, then post with its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formName, IReadOnlyDictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        var values = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
        };
        using var form = new FormUrlEncodedContent(values);
        return await client.PostAsync(path, form);
    }

    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No antiforgery token on the page: {VisibleEnd(html)}");
    }

    private static string VisibleEnd(string html)
    {
        var text = string.Join(' ', Tags().Replace(html, " ").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text[Math.Max(0, text.Length - 600)..];
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
