namespace CrmCdp.Web.Modules.Crm.Bulk;

/// <summary>One action applied to many selected records.</summary>
public class BulkRequest
{
    public List<Guid> Ids { get; set; } = [];

    /// <summary>assignOwner, addTag or delete (contacts also take setStage).</summary>
    public string? Action { get; set; }

    public Guid? OwnerId { get; set; }

    public string? Tag { get; set; }
}

/// <param name="Changed">Records the action was applied to.</param>
/// <param name="Skipped">Selected records the caller may see but not change this way (or that no longer exist).</param>
public sealed record BulkResult(int Changed, int Skipped);

/// <summary>The snackbar line a list shows after a bulk action, with its severity.</summary>
internal static class BulkFeedback
{
    public static (string Message, MudBlazor.Severity Severity) Of(OperationResult<BulkResult> result, string noun) => result.Value switch
    {
        { Skipped: 0 } done => ($"Updated {done.Changed} {noun}.", MudBlazor.Severity.Success),
        { } done => ($"Updated {done.Changed} {noun}; {done.Skipped} are outside what you may change.", MudBlazor.Severity.Warning),
        null => (string.Join(" ", result.Errors?.Values.SelectMany(v => v) ?? [result.Message ?? "The action failed."]), MudBlazor.Severity.Error),
    };
}

/// <summary>The action names every bulk-editable list accepts.</summary>
public static class BulkActions
{
    public const string AssignOwner = "assignOwner";
    public const string AddTag = "addTag";
    public const string Delete = "delete";
}
