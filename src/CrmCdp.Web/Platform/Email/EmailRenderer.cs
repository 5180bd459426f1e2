namespace CrmCdp.Web.Platform.Email;

/// <summary>A subject and bodies rendered for one person.</summary>
internal sealed record RenderedEmail(string Subject, string? Html, string? Text);

/// <summary>
/// Renders subject, HTML and text for one person and refuses, naming the field and the variable, when a variable
/// would go out empty: the writer fills the value in or gives it a default.
/// </summary>
internal static class EmailRenderer
{
    public static async Task<(RenderedEmail? Email, Dictionary<string, string[]> Errors)> RenderAsync(
        string? subject, string? html, string? text, IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> values)
    {
        var errors = new Dictionary<string, string[]>();
        var renderedSubject = await RenderFieldAsync("subject", subject, values, html: false, errors);
        var renderedHtml = await RenderFieldAsync("html", html, values, html: true, errors);
        var renderedText = await RenderFieldAsync("text", text, values, html: false, errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        // Every email carries a plain-text part: spam filters and text-only readers expect one.
        var plain = Blank(renderedText) ?? Blank(HtmlText.ToPlain(renderedHtml));
        return (new RenderedEmail(renderedSubject.ReplaceLineEndings(" ").Trim(), Blank(renderedHtml), plain), errors);
    }

    private static async Task<string> RenderFieldAsync(
        string field, string? source, IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> values, bool html, Dictionary<string, string[]> errors)
    {
        var output = await LiquidTemplates.RenderAsync(source, values, html);
        if (output.Error is { } error)
        {
            errors[field] = [error];
        }
        else if (output.Missing.Count > 0)
        {
            var first = output.Missing[0];
            errors[field] = [$"{string.Join(", ", output.Missing.Select(m => $"{{{{ {m} }}}}"))} would be empty for this person. "
                + $"Fill it in, or give it a default: {{{{ {first} | default: \"…\" }}}}."];
        }

        return output.Text;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
