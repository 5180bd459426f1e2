namespace CrmCdp.Web.Modules.Crm.Contracts;

/// <summary>The contact fields automation may set by name: the fixed ones, and custom fields as <c>custom.{key}</c>.</summary>
internal static class ContactFieldNames
{
    public const string CustomPrefix = "custom.";

    public static IReadOnlyList<string> Fixed { get; } = ["first_name", "last_name", "job_title", "lifecycle_stage", "lead_source"];

    public static bool IsKnown(string? field) =>
        field is not null && (Fixed.Contains(field) || (field.StartsWith(CustomPrefix, StringComparison.Ordinal) && field.Length > CustomPrefix.Length && field.Length <= 100));
}
