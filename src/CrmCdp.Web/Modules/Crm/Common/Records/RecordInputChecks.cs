using System.Text.Json;
using CrmCdp.Web.Modules.Crm.CustomFields;
using CrmCdp.Web.Platform.Validation;
using FluentValidation;

namespace CrmCdp.Web.Modules.Crm.Common.Records;

/// <summary>Who is to own a record, with the permission the caller uses and the records' plural for messages.</summary>
internal sealed record RecordOwner(Guid? Id, string Permission, string Plural);

/// <summary>The custom field values an input brings (null when it leaves them as they are).</summary>
internal sealed record CustomFieldInput(CustomFieldTarget Target, IReadOnlyDictionary<string, JsonElement>? Values);

/// <summary>
/// The checks every owned record's input goes through: its validator, its custom fields against their definitions, and
/// whether the owner may hold the record. Services add their own (links, pipelines) to the same errors.
/// </summary>
internal sealed class RecordInputChecks(UserDirectory users, CustomFieldService customFields)
{
    public async Task<Dictionary<string, string[]>> CheckAsync<TInput>(
        IValidator<TInput> validator, TInput input, AccessContext access, RecordOwner owner, CancellationToken cancellationToken, CustomFieldInput? fields = null)
    {
        var errors = ValidationErrors.ByField(await validator.ValidateAsync(input, cancellationToken));
        if (fields?.Values is { } values)
        {
            var definitions = await customFields.DefinitionsAsync(fields.Target, cancellationToken);
            foreach (var (field, messages) in CustomFieldService.Normalize(values, definitions).Errors)
            {
                errors[field] = messages;
            }
        }

        if (await users.OwnerProblemAsync(access, owner.Id, owner.Permission, owner.Plural, cancellationToken) is { } ownerProblem)
        {
            errors["ownerId"] = [ownerProblem];
        }

        return errors;
    }

    /// <summary>The values as stored JSON, or null when the input leaves them as they are.</summary>
    public async Task<string?> CustomFieldsJsonAsync(CustomFieldInput fields, CancellationToken cancellationToken) =>
        fields.Values is { } values ? CustomFieldService.Normalize(values, await customFields.DefinitionsAsync(fields.Target, cancellationToken)).Json : null;
}

/// <summary>How free text from an input is stored.</summary>
internal static class RecordText
{
    /// <summary>Trimmed, or null when blank.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Trimmed, without blanks, each tag once whatever its case.</summary>
    public static List<string> Tags(IEnumerable<string>? tags) =>
        [.. (tags ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
}
