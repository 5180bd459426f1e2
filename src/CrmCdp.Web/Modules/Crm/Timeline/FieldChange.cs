namespace CrmCdp.Web.Modules.Crm.Timeline;

/// <summary>A field whose shown value differs between two versions of a record.</summary>
internal sealed record FieldChange(string Field, string? OldValue, string? NewValue)
{
    /// <summary>The fields (label, old, new) whose values differ.</summary>
    public static List<FieldChange> Between(IEnumerable<(string Label, string? Old, string? New)> fields) =>
        [.. fields.Where(f => !string.Equals(f.Old ?? "", f.New ?? "", StringComparison.Ordinal))
            .Select(f => new FieldChange(f.Label, Truncate(f.Old), Truncate(f.New)))];

    private static string? Truncate(string? value) => value is { Length: > 1000 } ? value[..997] + "..." : value;
}
