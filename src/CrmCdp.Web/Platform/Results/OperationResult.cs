namespace CrmCdp.Web.Platform.Results;

internal enum OperationOutcome
{
    Ok,
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

/// <summary>What a command did: the value, or why not (validation errors per field, a concurrency conflict, …).</summary>
internal sealed record OperationResult<T>(OperationOutcome Outcome, T? Value, IReadOnlyDictionary<string, string[]>? Errors = null, string? Message = null)
{
    public static OperationResult<T> Ok(T value) => new(OperationOutcome.Ok, value);

    public static OperationResult<T> NotFound() => new(OperationOutcome.NotFound, default, Message: "No such record, or it is not visible to you.");

    public static OperationResult<T> Forbidden(string message) => new(OperationOutcome.Forbidden, default, Message: message);

    public static OperationResult<T> Invalid(IReadOnlyDictionary<string, string[]> errors) => new(OperationOutcome.Invalid, default, errors);

    public static OperationResult<T> Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static OperationResult<T> Conflict(string message) => new(OperationOutcome.Conflict, default, Message: message);

    public OperationResult<TOther> As<TOther>() => new(Outcome, default, Errors, Message);
}
