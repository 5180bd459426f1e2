namespace CrmCdp.Web.Platform.Results;

/// <summary>Maps what a command did to HTTP: 200/201/204, 400 problem details per field, 403, 404, 409.</summary>
internal static class OperationHttpResults
{
    public static IResult ToHttp<T>(this OperationResult<T> result, Func<T, string>? createdAt = null) => result.Outcome switch
    {
        OperationOutcome.Ok when createdAt is not null => TypedResults.Created(createdAt(result.Value!), result.Value),
        OperationOutcome.Ok when result.Value is bool => TypedResults.NoContent(),
        OperationOutcome.Ok => TypedResults.Ok(result.Value),
        OperationOutcome.Invalid => TypedResults.ValidationProblem(result.Errors ?? new Dictionary<string, string[]>(), title: "One or more fields are invalid."),
        OperationOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: result.Message),
        OperationOutcome.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: result.Message),
        OperationOutcome.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: result.Message),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError),
    };
}
