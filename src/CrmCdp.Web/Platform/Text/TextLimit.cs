namespace CrmCdp.Web.Platform.Text;

/// <summary>Fits text into a column's length.</summary>
internal static class TextLimit
{
    /// <summary>Cuts at a whole character: half an emoji (a lone surrogate) cannot be stored as UTF-8.</summary>
    public static string Shorten(string text, int max) =>
        text.Length <= max ? text : text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)];
}
