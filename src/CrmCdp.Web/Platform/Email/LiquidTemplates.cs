using System.Text.Encodings.Web;
using Fluid;

namespace CrmCdp.Web.Platform.Email;

/// <summary>What a rendering produced, and the variables it would have left empty.</summary>
internal sealed record LiquidOutput(string Text, IReadOnlyList<string> Missing, string? Error = null);

/// <summary>
/// Liquid through Fluid: parse checks for the editor, and rendering with the variables of one person. HTML bodies
/// are rendered with HTML encoding, so a contact's name cannot inject markup.
/// </summary>
internal sealed class LiquidTemplates
{
    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = new TemplateOptionsBuilder()
        .WithMaxSteps(100_000).WithMaxOutputSize(2_000_000).WithMaxRecursion(20).Build();

    /// <returns>null when the text parses, else the parser's message.</returns>
    public static string? Check(string? source) =>
        string.IsNullOrEmpty(source) || Parser.TryParse(source, out _, out var error) ? null : error;

    /// <param name="values">Top-level names (<c>contact</c>, <c>sender</c>) to their fields.</param>
    public static async Task<LiquidOutput> RenderAsync(string? source, IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> values, bool html)
    {
        if (string.IsNullOrEmpty(source))
        {
            return new LiquidOutput("", []);
        }

        if (!Parser.TryParse(source, out var template, out var error))
        {
            return new LiquidOutput("", [], $"The template does not parse: {error}");
        }

        var missing = new MissingVariables();
        var context = new TemplateContext(Options) { Undefined = (name, _) => new ValueTask<Fluid.Values.FluidValue>(new MissingValue(name, missing)) };
        foreach (var (name, fields) in values)
        {
            context.SetValue(name, new LiquidRecord(name, fields, missing));
        }

        try
        {
            var text = html ? await template.RenderAsync(context, HtmlEncoder.Default) : await template.RenderAsync(context, NullEncoder.Default);
            return new LiquidOutput(text, missing.Names);
        }
        catch (InvalidOperationException tooMuch)
        {
            // Fluid's limits on steps, output size and recursion: a template that loops or explodes.
            return new LiquidOutput("", missing.Names, $"The template could not be rendered: {tooMuch.Message}");
        }
    }
}
