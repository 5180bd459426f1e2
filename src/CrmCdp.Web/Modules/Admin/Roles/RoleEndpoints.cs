
namespace CrmCdp.Web.Modules.Admin.Roles;

internal static class RoleEndpoints
{
    public static RouteGroupBuilder MapRoleEndpoints(this RouteGroupBuilder api)
    {
        var roles = api.MapGroup("/roles").WithTags("Roles").RequireAuthorization(Permissions.Admin.RolesManage);
        roles.MapGet("/", (RoleService service, AccessContext access, CancellationToken ct) => service.ListAsync(access, ct))
            .WithSummary("Lists roles with their permission matrix: permission name → scope (own, team, all).");
        roles.MapGet("/{id:guid}", async (Guid id, RoleService service, AccessContext access, CancellationToken ct) => (await service.GetAsync(access, id, ct)).ToHttp())
            .WithSummary("Gets one role and its permission matrix.").Produces<RoleDto>().ProducesProblem(404);
        roles.MapPost("/", async (RoleInput input, RoleService service, AccessContext access, CancellationToken ct) =>
                (await service.CreateAsync(access, input, ct)).ToHttp(r => $"/api/v1/roles/{r.Id}"))
            .WithSummary("Creates a role: {name, description, permissions: {\"crm.contacts.read\": \"team\", ...}}.")
            .Produces<RoleDto>(201).ProducesValidationProblem();
        roles.MapPut("/{id:guid}", async (Guid id, RoleInput input, RoleService service, AccessContext access, CancellationToken ct) =>
                (await service.UpdateAsync(access, id, input, ct)).ToHttp())
            .WithSummary("Replaces a role's description and whole permission matrix; takes effect on its holders' next request.")
            .Produces<RoleDto>().ProducesValidationProblem().ProducesProblem(404);
        roles.MapDelete("/{id:guid}", async (Guid id, RoleService service, AccessContext access, CancellationToken ct) =>
                (await service.DeleteAsync(access, id, ct)).ToHttp())
            .WithSummary("Deletes a custom role nobody holds (409 for built-in roles or roles in use).")
            .ProducesProblem(404).ProducesProblem(409);
        return api;
    }
}
