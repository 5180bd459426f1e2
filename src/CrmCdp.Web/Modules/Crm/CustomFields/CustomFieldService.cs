using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CrmCdp.Web.Modules.Crm.CustomFields;

public sealed class CustomFieldInput
{
    public string? Key { get; set; }

    public string? Label { get; set; }

    public CustomFieldType Type { get; set; }

    public List<string>? Choices { get; set; }

    public CustomFieldTarget AppliesTo { get; set; } = CustomFieldTarget.Contact;
}

/// <summary>Definitions of custom fields, and the checking and normalizing of values sent for them.</summary>
internal sealed partial class CustomFieldService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider timeProvider)
{
    /// <summary>The fields of one kind of record (both kinds when null), for anyone who may read that kind of record.</summary>
    public async Task<IReadOnlyList<CustomFieldDto>> ListAsync(AccessContext access, CustomFieldTarget? target = CustomFieldTarget.Contact, CancellationToken cancellationToken = default)
    {
        var readable = target switch
        {
            CustomFieldTarget.Contact => access.Has(Permissions.Crm.ContactsRead),
            CustomFieldTarget.Company => access.Has(Permissions.Crm.CompaniesRead),
            _ => access.Has(Permissions.Crm.ContactsRead) || access.Has(Permissions.Crm.CompaniesRead) || access.Has(Permissions.Admin.CustomFieldsManage),
        };
        return readable ? await DefinitionsAsync(target, cancellationToken) : [];
    }

    /// <summary>The definitions, for checking the values a record service is given.</summary>
    [SystemAccess("The contact and company services check and normalize custom field values against the definitions.")]
    public async Task<IReadOnlyList<CustomFieldDto>> DefinitionsAsync(CustomFieldTarget? target, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<CustomFieldDefinition>().Where(f => target == null || f.AppliesTo == target).OrderBy(f => f.AppliesTo).ThenBy(f => f.Label)
            .Select(f => new CustomFieldDto(f.Id, f.Key, f.Label, f.Type, f.Choices, f.AppliesTo)).ToListAsync(cancellationToken);
    }

    public async Task<OperationResult<CustomFieldDto>> CreateAsync(AccessContext access, CustomFieldInput input, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.CustomFieldsManage))
        {
            return OperationResult<CustomFieldDto>.Forbidden("Your role cannot manage custom fields.");
        }

        var errors = new Dictionary<string, string[]>();
        var key = input.Key?.Trim() ?? "";
        if (!KeyPattern().IsMatch(key))
        {
            errors["key"] = ["The key must start with a letter and hold only letters and digits (at most 50), e.g. contractValue."];
        }

        if (string.IsNullOrWhiteSpace(input.Label) || input.Label.Trim().Length > 100)
        {
            errors["label"] = ["Give the field a label of 1 to 100 characters."];
        }

        var choices = (input.Choices ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct().ToList();
        if (input.Type == CustomFieldType.Choice && choices.Count == 0)
        {
            errors["choices"] = ["A choice field needs at least one choice."];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (errors.Count == 0 && await db.Set<CustomFieldDefinition>().AnyAsync(f => f.Key == key && f.AppliesTo == input.AppliesTo, cancellationToken))
        {
            errors["key"] = [$"A field with the key '{key}' already exists."];
        }

        if (errors.Count > 0)
        {
            return OperationResult<CustomFieldDto>.Invalid(errors);
        }

        var field = new CustomFieldDefinition
        {
            Id = Guid.CreateVersion7(),
            Key = key,
            Label = input.Label!.Trim(),
            Type = input.Type,
            Choices = input.Type == CustomFieldType.Choice ? choices : [],
            AppliesTo = input.AppliesTo,
            CreatedAt = timeProvider.GetUtcNow(),
        };
        db.Add(field);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<CustomFieldDto>.Ok(new CustomFieldDto(field.Id, field.Key, field.Label, field.Type, field.Choices, field.AppliesTo));
    }

    /// <summary>Deletes the definition; values already stored stay in the records' JSON but are no longer shown.</summary>
    public async Task<bool> DeleteAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.CustomFieldsManage))
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<CustomFieldDefinition>().Where(f => f.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>Checks values against the definitions and returns them normalized as JSON, or the errors keyed "customFields.key".</summary>
    public static (string Json, Dictionary<string, string[]> Errors) Normalize(
        IReadOnlyDictionary<string, JsonElement>? values, IReadOnlyList<CustomFieldDto> definitions)
    {
        var errors = new Dictionary<string, string[]>();
        var normalized = new Dictionary<string, object?>();
        foreach (var (key, value) in values ?? new Dictionary<string, JsonElement>())
        {
            var field = definitions.FirstOrDefault(d => d.Key == key);
            if (field is null)
            {
                errors[$"customFields.{key}"] = [$"There is no custom field '{key}'."];
                continue;
            }

            if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined || (value.ValueKind == JsonValueKind.String && value.GetString() == ""))
            {
                continue;
            }

            var (ok, parsed) = field.Type switch
            {
                CustomFieldType.Number => value.ValueKind == JsonValueKind.Number ? (value.TryGetDecimal(out var number) ? (true, (object?)number) : (false, null))
                    : value.ValueKind == JsonValueKind.String && decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? (true, n) : (false, null),
                CustomFieldType.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? (true, value.GetBoolean())
                    : value.ValueKind == JsonValueKind.String && bool.TryParse(value.GetString(), out var b) ? (true, b) : (false, null),
                CustomFieldType.Date => value.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                    ? (true, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : (false, null),
                CustomFieldType.Choice => value.ValueKind == JsonValueKind.String && field.Choices.Contains(value.GetString()!) ? (true, value.GetString()) : (false, null),
                _ => value.ValueKind == JsonValueKind.String && value.GetString()!.Length <= 1000 ? (true, value.GetString()!.Trim()) : (false, null),
            };
            if (ok)
            {
                normalized[key] = parsed;
            }
            else
            {
                errors[$"customFields.{key}"] = [field.Type switch
                {
                    CustomFieldType.Number => $"{field.Label} must be a number.",
                    CustomFieldType.Boolean => $"{field.Label} must be true or false.",
                    CustomFieldType.Date => $"{field.Label} must be a date written as yyyy-mm-dd.",
                    CustomFieldType.Choice => $"{field.Label} must be one of: {string.Join(", ", field.Choices)}.",
                    _ => $"{field.Label} must be text of at most 1,000 characters.",
                }];
            }
        }

        return (JsonSerializer.Serialize(normalized), errors);
    }

    public static IReadOnlyDictionary<string, object?> Read(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)?.ToDictionary(p => p.Key, p => (object?)p.Value) ?? [];

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,49}$")]
    private static partial Regex KeyPattern();
}
