namespace CrmCdp.Web.Modules.Crm.Common;

internal static class CrmHttpResults
{
    public static IResult InvalidQuery(string field, string message) => Platform.Validation.QueryProblems.Invalid(field, message);
}
