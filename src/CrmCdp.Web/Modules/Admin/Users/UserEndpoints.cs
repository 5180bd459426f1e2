
namespace CrmCdp.Web.Modules.Admin.Users;

internal static class UserEndpoints
{
    public static RouteGroupBuilder MapUserEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(Permissions.Admin.UsersManage);
        users.MapGet("/", (UserService service, AccessContext access, CancellationToken ct) => service.ListAsync(access, ct)).WithSummary("Lists users with roles, teams and status.");
        users.MapGet("/{id:guid}", async (Guid id, UserService service, AccessContext access, CancellationToken ct) => (await service.GetAsync(access, id, ct)).ToHttp())
            .WithSummary("Gets a user with their effective permissions (the union of their roles).").Produces<UserDto>().ProducesProblem(404);
        users.MapPost("/", async (UserInput input, UserService service, AccessContext access, CancellationToken ct) =>
                (await service.CreateAsync(access, input, ct)).ToHttp(u => $"/api/v1/users/{u.Id}"))
            .WithSummary("Creates a user: {email, displayName, roles, teamIds, password?}; without a password, a temporary one is answered once.")
            .Produces<UserDto>(201).ProducesValidationProblem();
        users.MapPost("/invite", async (InviteUserInput input, UserInvitations invitations, AccessContext access, CancellationToken ct) =>
                (await invitations.InviteAsync(access, input, null, ct)).ToHttp(u => $"/api/v1/users/{u.Id}"))
            .WithSummary("Invites a user: {email, name, roles, teamIds?}. The invitation goes out by email with a single-use link that expires in 7 days.")
            .Produces<UserDto>(201).ProducesValidationProblem();
        users.MapPut("/{id:guid}", async (Guid id, UserInput input, UserService service, AccessContext access, CancellationToken ct) =>
                (await service.UpdateAsync(access, id, input, ct)).ToHttp())
            .WithSummary("Changes a user's name, roles, teams and away status; takes effect on their next request.")
            .Produces<UserDto>().ProducesValidationProblem().ProducesProblem(404);
        users.MapPost("/{id:guid}/deactivate", async (Guid id, UserService service, AccessContext access, CancellationToken ct) =>
                (await service.SetActiveAsync(access, id, false, ct)).ToHttp())
            .WithSummary("Deactivates a user: their sessions end and their API keys stop working at once.")
            .Produces<UserDto>().ProducesProblem(404).ProducesProblem(409);
        users.MapPost("/{id:guid}/reactivate", async (Guid id, UserService service, AccessContext access, CancellationToken ct) =>
                (await service.SetActiveAsync(access, id, true, ct)).ToHttp())
            .WithSummary("Reactivates a deactivated user.").Produces<UserDto>().ProducesProblem(404);
        users.MapPost("/{id:guid}/reset-password", async (Guid id, UserService service, AccessContext access, CancellationToken ct) =>
                (await service.ResetPasswordAsync(access, id, ct)).ToHttp())
            .WithSummary("Sets a generated password (answered once as temporaryPassword) and ends the user's sessions.")
            .Produces<UserDto>().ProducesProblem(404);
        return api;
    }
}
