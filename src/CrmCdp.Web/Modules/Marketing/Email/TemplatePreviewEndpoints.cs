namespace CrmCdp.Web.Modules.Marketing.Email;

internal static class TemplatePreviewEndpoints
{
    public static RouteGroupBuilder MapTemplatePreviewEndpoints(this RouteGroupBuilder api)
    {
        var templates = api.MapGroup("/email/templates").WithTags("Email").RequireAuthorization(Permissions.Marketing.EmailManage);
        templates.MapPost("/{id:guid}/preview", async (Guid id, Guid? profileId, TemplatePreviews previews, AccessContext access, CancellationToken ct) =>
                (await previews.PreviewAsync(access, id, profileId, ct)).ToHttp())
            .WithSummary("The template rendered for ?profileId= (traits, computed traits, the linked contact's fields, the unsubscribe link); a 400 names each variable that would be empty.")
            .Produces<TemplatePreview>().ProducesValidationProblem().ProducesProblem(404);
        templates.MapPost("/{id:guid}/test", async (Guid id, TemplateTestRequest request, TemplatePreviews previews, AccessContext access, CancellationToken ct) =>
            {
                var result = await previews.TestAsync(access, id, request, ct);
                return result.Value is { } sent ? Results.Accepted(value: sent) : result.ToHttp();
            })
            .WithSummary("Sends the template to {to}, rendered for {profileId} or for sample values, with \"[Test]\" before its subject.")
            .Produces<TemplateTestResult>(202).ProducesValidationProblem().ProducesProblem(404);
        return api;
    }
}
