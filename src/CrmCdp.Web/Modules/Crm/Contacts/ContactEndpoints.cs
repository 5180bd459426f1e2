using CrmCdp.Web.Modules.Crm.Common;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Contacts;

internal static class ContactEndpoints
{
    public static RouteGroupBuilder MapContactEndpoints(this RouteGroupBuilder api)
    {
        var contacts = api.MapGroup("/contacts").WithTags("Contacts");
        contacts.MapGet("/", ListAsync).RequireAuthorization(P.ContactsRead)
            .WithSummary("Lists contacts visible to the caller: ?search= (name, email, phone, company), ownerId, companyId, lifecycleStage, tag, email, leadSource, jobTitle, emailConsent, createdAfter, createdBefore, customField=key:value; keyset pages via ?cursor=&limit=.")
            .Produces<KeysetPage<ContactDto>>();
        contacts.MapPost("/bulk", async (BulkContactRequest request, AccessContext access, ContactBulkService bulk, CancellationToken ct) =>
                (await bulk.ApplyAsync(access, request, ct)).ToHttp())
            .RequireAuthorization(P.ContactsEdit)
            .WithSummary("Applies assignOwner, addTag, setStage or delete to up to 1,000 contacts; contacts outside the caller's scope are skipped and counted.")
            .Produces<Bulk.BulkResult>().ProducesValidationProblem();
        contacts.MapPost("/{id:guid}/reveal", async (Guid id, string? field, AccessContext access, PiiRevealService reveal, CancellationToken ct) =>
                (await reveal.RevealAsync(access, id, field, ct)).ToHttp())
            .RequireAuthorization(Permissions.Privacy.PiiReveal)
            .WithSummary("Reveals one masked personal field (?field=name|emails|phones) of a contact; every reveal is audited.")
            .Produces<RevealedPii>().ProducesValidationProblem().ProducesProblem(404);
        contacts.MapGet("/{id:guid}", async (Guid id, AccessContext access, ContactService service, CancellationToken ct) =>
                (await service.GetAsync(access, id, ct)).ToHttp())
            .RequireAuthorization(P.ContactsRead).WithSummary("Gets one contact.").Produces<ContactDto>().ProducesProblem(404);
        contacts.MapPost("/", async (ContactInput input, AccessContext access, ContactService service, CancellationToken ct) =>
                (await service.CreateAsync(access, input, ct)).ToHttp(c => $"/api/v1/contacts/{c.Id}"))
            .RequireAuthorization(P.ContactsCreate).WithSummary("Creates a contact.").Produces<ContactDto>(201).ProducesValidationProblem();
        contacts.MapPut("/{id:guid}", async (Guid id, ContactInput input, AccessContext access, ContactService service, CancellationToken ct) =>
                (await service.UpdateAsync(access, id, input, ct)).ToHttp())
            .RequireAuthorization(P.ContactsEdit)
            .WithSummary("Replaces a contact's fields; send the version you read (409 when someone changed it meanwhile).")
            .Produces<ContactDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        contacts.MapDelete("/{id:guid}", async (Guid id, AccessContext access, ContactService service, CancellationToken ct) =>
                (await service.DeleteAsync(access, id, ct)).ToHttp())
            .RequireAuthorization(P.ContactsDelete).WithSummary("Deletes a contact (an administrator can restore it).").ProducesProblem(404);
        contacts.MapPost("/{id:guid}/restore", async (Guid id, AccessContext access, ContactService service, CancellationToken ct) =>
                (await service.RestoreAsync(access, id, ct)).ToHttp())
            .RequireAuthorization(P.RecordsRestore).WithSummary("Restores a deleted contact.").Produces<ContactDto>().ProducesProblem(404);
        return api;
    }

    private static async Task<IResult> ListAsync(
        AccessContext access, ContactQueries queries, CancellationToken ct,
        string? search = null, Guid? ownerId = null, Guid? companyId = null, string? lifecycleStage = null, string? tag = null,
        string? email = null, string? customField = null, string? leadSource = null, string? jobTitle = null, bool? emailConsent = null,
        DateTimeOffset? createdAfter = null, DateTimeOffset? createdBefore = null, string? cursor = null, int? limit = null)
    {
        var (fieldKey, fieldValue) = CustomFields.CustomFieldFilter.Parse(customField);
        if (customField is not null && fieldKey is null)
        {
            return CrmHttpResults.InvalidQuery("customField", "Write the custom field filter as key:value, e.g. customField=plan:gold.");
        }

        LifecycleStage? stage = null;
        if (!string.IsNullOrWhiteSpace(lifecycleStage))
        {
            stage = CrmEnumNames.Parse<LifecycleStage>(lifecycleStage);
            if (stage is null)
            {
                return CrmHttpResults.InvalidQuery("lifecycleStage", $"The lifecycle stage must be one of: {CrmEnumNames.Allowed<LifecycleStage>()}.");
            }
        }

        var filter = new ContactFilter(search, ownerId, companyId, stage, tag, email, fieldKey, fieldValue, leadSource, jobTitle, emailConsent, createdAfter, createdBefore);
        return TypedResults.Ok(await queries.ListAsync(access, filter, cursor, SearchPatterns.ClampLimit(limit), ct));
    }
}
