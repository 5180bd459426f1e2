namespace CrmCdp.Web.Platform.Validation;

/// <summary>The 400 answer for a query parameter that cannot be used, naming the parameter.</summary>
internal static class QueryProblems
{
    public static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "One or more query parameters are invalid.");
}
