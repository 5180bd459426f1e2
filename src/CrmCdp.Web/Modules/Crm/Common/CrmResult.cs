namespace CrmCdp.Web.Modules.Crm.Common;

internal enum CrmOutcome
{
    Ok,
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

/// <summary>What a CRM command did: the value, or why not (validation errors per field, a concurrency conflict, …).</summary>
internal sealed record CrmResult<T>(CrmOutcome Outcome, T? Value, IReadOnlyDictionary<string, string[]>? Errors = null, string? Message = null)
{
    public static CrmResult<T> Ok(T value) => new(CrmOutcome.Ok, value);

    public static CrmResult<T> NotFound() => new(CrmOutcome.NotFound, default, Message: "No such record, or it is not visible to you.");

    public static CrmResult<T> Forbidden(string message) => new(CrmOutcome.Forbidden, default, Message: message);

    public static CrmResult<T> Invalid(IReadOnlyDictionary<string, string[]> errors) => new(CrmOutcome.Invalid, default, errors);

    public static CrmResult<T> Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static CrmResult<T> Conflict(string message) => new(CrmOutcome.Conflict, default, Message: message);

    public CrmResult<TOther> As<TOther>() => new(Outcome, default, Errors, Message);
}
