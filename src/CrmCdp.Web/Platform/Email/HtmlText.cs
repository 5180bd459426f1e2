using System.Text;
using MimeKit.Text;

namespace CrmCdp.Web.Platform.Email;

/// <summary>The plain-text part of an HTML-only email, read with MimeKit's HTML tokenizer (entities decoded, scripts and styles left out).</summary>
internal static class HtmlText
{
    private static readonly HashSet<HtmlTagId> Paragraphs =
    [
        HtmlTagId.P, HtmlTagId.Div, HtmlTagId.H1, HtmlTagId.H2, HtmlTagId.H3, HtmlTagId.H4, HtmlTagId.H5, HtmlTagId.H6, HtmlTagId.BlockQuote,
        HtmlTagId.Table, HtmlTagId.UL, HtmlTagId.OL,
    ];

    private static readonly HashSet<HtmlTagId> Lines = [HtmlTagId.LI, HtmlTagId.TR];

    public static string ToPlain(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return "";
        }

        var text = new StringBuilder();
        var skipping = false;
        var tokenizer = new HtmlTokenizer(new StringReader(html));
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken { Id: HtmlTagId.Script or HtmlTagId.Style } hidden:
                    skipping = !hidden.IsEndTag;
                    break;
                case HtmlTagToken { Id: HtmlTagId.Br }:
                case HtmlTagToken { IsEndTag: true } line when Lines.Contains(line.Id):
                    text.Append('\n');
                    break;
                case HtmlTagToken { IsEndTag: true } paragraph when Paragraphs.Contains(paragraph.Id):
                    text.Append("\n\n");
                    break;
                case HtmlDataToken data when !skipping:
                    text.Append(data.Data);
                    break;
            }
        }

        var lines = text.ToString().Split('\n').Select(line => string.Join(' ', line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        var joined = string.Join('\n', lines).Trim();
        while (joined.Contains("\n\n\n", StringComparison.Ordinal))
        {
            joined = joined.Replace("\n\n\n", "\n\n", StringComparison.Ordinal);
        }

        return joined;
    }
}
