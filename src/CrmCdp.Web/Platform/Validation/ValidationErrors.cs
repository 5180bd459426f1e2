using FluentValidation.Results;

namespace CrmCdp.Web.Platform.Validation;

internal static class ValidationErrors
{
    /// <summary>Errors keyed by field as the client wrote it in JSON (camelCase), as problem details carry them.</summary>
    public static Dictionary<string, string[]> ByField(ValidationResult result) =>
        result.Errors
            .GroupBy(error => JsonFieldName(error.PropertyName))
            .ToDictionary(group => group.Key, group => group.Select(error => error.ErrorMessage).Distinct().ToArray());

    public static string JsonFieldName(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
