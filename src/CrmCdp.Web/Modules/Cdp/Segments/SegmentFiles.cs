using System.Text;
using System.Text.Json;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>Segments as JSON files: exported from one segment, imported as a new one through the same input the API creates with.</summary>
public static class SegmentFiles
{
    public const int MaxImportBytes = 256 * 1024;

    public static SegmentDefinitionFile Of(SegmentDto segment) => new(segment.Name, segment.Description, segment.Definition, segment.ConsentCategory);

    /// <summary>The file's content as a new segment's input; null with a message when it is not a segment file.</summary>
    public static (SegmentInput? Input, string? Error) Read(string json)
    {
        try
        {
            var file = JsonSerializer.Deserialize<SegmentInput>(json, SegmentDefinitions.Json);
            return file?.Definition is null ? (null, "This file holds no segment definition: export one from a segment's page.") : (new SegmentInput
            {
                Name = file.Name,
                Description = file.Description,
                Definition = file.Definition,
                ConsentCategory = file.ConsentCategory,
            }, null);
        }
        catch (JsonException e)
        {
            return (null, $"This file is not a segment definition (JSON): {e.Message}");
        }
    }

    /// <summary>A file-name-safe form of a segment's name.</summary>
    public static string Slug(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            slug.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        return slug.ToString().Trim('-') is { Length: > 0 } s ? s[..Math.Min(60, s.Length)] : "segment";
    }
}
