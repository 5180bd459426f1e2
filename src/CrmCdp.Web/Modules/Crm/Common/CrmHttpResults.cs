namespace CrmCdp.Web.Modules.Crm.Common;

/// <summary>Maps what a CRM command did to HTTP: 200/201, 400 problem details per field, 403, 404, 409.</summary>
internal static class CrmHttpResults
{
    public static IResult ToHttp<T>(this CrmResult<T> result, Func<T, string>? createdAt = null) => result.Outcome switch
    {
        CrmOutcome.Ok when createdAt is not null => TypedResults.Created(createdAt(result.Value!), result.Value),
        CrmOutcome.Ok when result.Value is bool => TypedResults.NoContent(),
        CrmOutcome.Ok => TypedResults.Ok(result.Value),
        CrmOutcome.Invalid => TypedResults.ValidationProblem(result.Errors ?? new Dictionary<string, string[]>(), title: "One or more fields are invalid."),
        CrmOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: result.Message),
        CrmOutcome.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: result.Message),
        CrmOutcome.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: result.Message),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError),
    };

    public static IResult InvalidQuery(string field, string message) => Platform.Validation.QueryProblems.Invalid(field, message);
}
