using CrmCdp.Web.Modules.Crm.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmCdp.Web.Modules.Crm.CustomFields;

internal static class CustomFieldEndpoints
{
    public static RouteGroupBuilder MapCustomFieldEndpoints(this RouteGroupBuilder api)
    {
        var fields = api.MapGroup("/custom-fields").WithTags("Custom fields");
        fields.MapGet("/", async (CustomFieldService service, AccessContext access, CancellationToken ct, string? appliesTo) =>
                appliesTo is not null && CrmEnumNames.Parse<CustomFieldTarget>(appliesTo) is null
                    ? CrmHttpResults.InvalidQuery("appliesTo", "appliesTo must be contact or company.")
                    : TypedResults.Ok(await service.ListAsync(access, CrmEnumNames.Parse<CustomFieldTarget>(appliesTo), ct)))
            .RequireAuthorization(Permissions.Crm.ContactsRead)
            .WithSummary("The custom fields defined on contacts and companies (?appliesTo=contact|company): key, label, type (text, number, date, choice, boolean) and choices.");
        fields.MapPost("/", async (CustomFieldInput input, CustomFieldService service, AccessContext access, CancellationToken ct) =>
                (await service.CreateAsync(access, input, ct)).ToHttp(f => $"/api/v1/custom-fields/{f.Id}"))
            .RequireAuthorization(Permissions.Admin.CustomFieldsManage).WithSummary("Defines a custom field on contacts or companies (appliesTo).");
        fields.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound>> (Guid id, CustomFieldService service, AccessContext access, CancellationToken ct) =>
                await service.DeleteAsync(access, id, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .RequireAuthorization(Permissions.Admin.CustomFieldsManage).WithSummary("Removes a custom field definition (stored values are kept but hidden).");
        return api;
    }
}
