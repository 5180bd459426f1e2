
namespace CrmCdp.Web.Modules.Admin.Teams;

internal static class TeamEndpoints
{
    public static RouteGroupBuilder MapTeamEndpoints(this RouteGroupBuilder api)
    {
        var teams = api.MapGroup("/teams").WithTags("Teams").RequireAuthorization(Permissions.Admin.UsersManage);
        teams.MapGet("/", (TeamService service, AccessContext access, CancellationToken ct) => service.ListAsync(access, ct)).WithSummary("Lists teams with their lead and members.");
        teams.MapPost("/", async (TeamInput input, TeamService service, AccessContext access, CancellationToken ct) =>
                (await service.SaveAsync(access, null, input, ct)).ToHttp(t => $"/api/v1/teams/{t.Id}"))
            .WithSummary("Creates a team: {name, leadUserId, memberIds}.").Produces<TeamDto>(201).ProducesValidationProblem();
        teams.MapPut("/{id:guid}", async (Guid id, TeamInput input, TeamService service, AccessContext access, CancellationToken ct) =>
                (await service.SaveAsync(access, id, input, ct)).ToHttp())
            .WithSummary("Replaces a team's name, lead and members.").Produces<TeamDto>().ProducesValidationProblem().ProducesProblem(404);
        teams.MapDelete("/{id:guid}", async (Guid id, TeamService service, AccessContext access, CancellationToken ct) =>
                (await service.DeleteAsync(access, id, ct)).ToHttp())
            .WithSummary("Deletes a team (its members stay).").ProducesProblem(404);
        return api;
    }
}
