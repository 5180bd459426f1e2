using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CrmCdp.Web.Platform.Auth;

/// <summary>
/// A dialog with one form saved through a service: shows the service's field errors under their fields and its refusal
/// above the form, and closes with the saved value.
/// </summary>
public abstract class AppFormDialog : AppComponentBase
{
    [CascadingParameter]
    protected IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>Why the save was refused, when it was not about one field.</summary>
    protected string? Message { get; private set; }

    protected bool Saving { get; private set; }

    private protected IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <param name="field">As the API names it (camelCase).</param>
    protected bool Has(string field) => Errors.ContainsKey(field);

    protected string? Error(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private protected async Task SubmitAsync<T>(Func<AccessContext, Task<OperationResult<T>>> save)
    {
        Saving = true;
        try
        {
            var result = await save(await AccessAsync());
            Errors = result.Errors ?? new Dictionary<string, string[]>();
            Message = result.Errors is null ? result.Message : null;
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
