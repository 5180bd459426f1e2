using System.Security.Claims;
using CrmCdp.Web.Platform.Auth;

namespace CrmCdp.Web.Modules.Admin.Teams;

internal static class TeamEndpoints
{
    public static RouteGroupBuilder MapTeamEndpoints(this RouteGroupBuilder api)
    {
        var teams = api.MapGroup("/teams").WithTags("Teams").RequireAuthorization(Permissions.Admin.UsersManage);
        teams.MapGet("/", (TeamService service, CancellationToken ct) => service.ListAsync(ct)).WithSummary("Lists teams with their lead and members.");
        teams.MapPost("/", async (TeamInput input, TeamService service, ClaimsPrincipal user, CancellationToken ct) =>
                (await service.SaveAsync(null, input, user, ct)).ToHttp(t => $"/api/v1/teams/{t.Id}"))
            .WithSummary("Creates a team: {name, leadUserId, memberIds}.").Produces<TeamDto>(201).ProducesValidationProblem();
        teams.MapPut("/{id:guid}", async (Guid id, TeamInput input, TeamService service, ClaimsPrincipal user, CancellationToken ct) =>
                (await service.SaveAsync(id, input, user, ct)).ToHttp())
            .WithSummary("Replaces a team's name, lead and members.").Produces<TeamDto>().ProducesValidationProblem().ProducesProblem(404);
        teams.MapDelete("/{id:guid}", async (Guid id, TeamService service, ClaimsPrincipal user, CancellationToken ct) =>
                (await service.DeleteAsync(id, user, ct)).ToHttp())
            .WithSummary("Deletes a team (its members stay).").ProducesProblem(404);
        return api;
    }
}
