using FluentValidation;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Modules.Crm.Common;

/// <summary>
/// A dialog that creates or edits a CRM record: it saves once at a time, shows the server's errors on the fields that
/// hold them (so the page and the API say the same), reports a concurrent edit, and closes with the saved record.
/// </summary>
public abstract class RecordDialog : AppComponentBase
{
    [CascadingParameter]
    protected IMudDialogInstance Dialog { get; set; } = default!;

    private protected FieldErrors Errors { get; } = new();

    protected bool Saving { get; private set; }

    /// <summary>Why the save was refused when someone else changed the record first.</summary>
    protected string? Conflict { get; set; }

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    /// <summary>
    /// Checks one field again after an edit, with the rules the server applies, so its message goes as soon as the
    /// value is valid (and a new problem shows before the next save).
    /// </summary>
    protected async Task RecheckAsync<TInput>(TInput input, string property)
    {
        if (Services.GetService<IValidator<TInput>>() is not { } validator || !Errors.Any)
        {
            return;
        }

        var result = await validator.ValidateAsync(input, options => options.IncludeProperties(property));
        Errors.Replace(FieldFor(property), result.Errors.Where(e => e.PropertyName == property).Select(e => e.ErrorMessage));
    }

    /// <summary>Drops a field's message once the field holds something valid (for fields not bound to an input model).</summary>
    protected void ClearWhenValid(string field, bool valid)
    {
        if (valid)
        {
            Errors.Replace(field, []);
        }
    }

    /// <summary>Maps an error key of the API ("ownerId", "customFields.size") to the form field that shows it.</summary>
    private protected virtual string FieldFor(string key) => key.StartsWith("customFields.", StringComparison.Ordinal)
        ? "CustomFields." + key["customFields.".Length..]
        : char.ToUpperInvariant(key[0]) + key[1..];

    /// <param name="save">The save; null when it stopped before saving (e.g. to show possible duplicates first).</param>
    private protected async Task SubmitAsync<T>(Func<AccessContext, Task<OperationResult<T>?>> save)
    {
        Saving = true;
        try
        {
            if (await save(await AccessAsync()) is not { } result)
            {
                return;
            }

            Errors.Set(result.Errors ?? (result.Outcome is OperationOutcome.Forbidden or OperationOutcome.NotFound
                ? new Dictionary<string, string[]> { ["general"] = [result.Message ?? "Not allowed."] }
                : null), FieldFor);
            Conflict = result.Outcome == OperationOutcome.Conflict ? result.Message : null;
            if (result.Outcome == OperationOutcome.Ok)
            {
                Dialog.Close(DialogResult.Ok(result.Value));
            }
        }
        finally
        {
            Saving = false;
        }
    }
}

/// <summary>A dialog for a record that hangs on a contact, company or deal (an activity, a task).</summary>
public abstract class LinkedRecordDialog : RecordDialog
{
    [Parameter]
    public Guid? ContactId { get; set; }

    [Parameter]
    public Guid? CompanyId { get; set; }

    [Parameter]
    public Guid? DealId { get; set; }
}
