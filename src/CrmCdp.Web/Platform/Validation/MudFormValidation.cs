using FluentValidation;

namespace CrmCdp.Web.Platform.Validation;

/// <summary>
/// Adapts a FluentValidation validator to MudForm's <c>Validation</c> parameter, so a field shows the
/// same message in the browser as the API returns in problem details.
/// </summary>
internal static class MudFormValidation
{
    public static Func<object, string, Task<IEnumerable<string>>> For<T>(IValidator<T> validator) =>
        async (model, propertyName) =>
        {
            var context = ValidationContext<T>.CreateWithOptions((T)model, options => options.IncludeProperties(propertyName));
            var result = await validator.ValidateAsync(context);
            return result.IsValid ? [] : result.Errors.Select(error => error.ErrorMessage);
        };
}
