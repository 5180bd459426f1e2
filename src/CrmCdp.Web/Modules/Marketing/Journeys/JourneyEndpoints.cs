namespace CrmCdp.Web.Modules.Marketing.Journeys;

internal static class JourneyEndpoints
{
    public static RouteGroupBuilder MapJourneyEndpoints(this RouteGroupBuilder api)
    {
        var journeys = api.MapGroup("/journeys").WithTags("Journeys").RequireAuthorization(Permissions.Marketing.JourneysManage);
        journeys.MapGet("/", async (JourneyService service, AccessContext access, CancellationToken ct) => (await service.ListAsync(access, ct)).ToHttp())
            .WithSummary("Journeys with their status, live version and draft definition.");
        journeys.MapGet("/{id:guid}", async (Guid id, JourneyService service, AccessContext access, CancellationToken ct) => (await service.GetAsync(access, id, ct)).ToHttp())
            .WithSummary("One journey.").Produces<JourneyDto>().ProducesProblem(404);
        journeys.MapPost("/", async (JourneyDefinition definition, JourneyService service, AccessContext access, CancellationToken ct) =>
                (await service.CreateAsync(access, definition, ct)).ToHttp(j => $"/api/v1/journeys/{j.Id}"))
            .WithSummary("Creates a draft journey from its definition: {name, trigger {type: segment_entered|event|crm|schedule, …}, start, steps [{id, type: send_email|wait|wait_until_event|branch|create_task|update_field|add_tag|webhook|exit, next, …}], goal {event}, reentry {mode: never|after, days}}. A bad definition is a 400 naming the step.")
            .Produces<JourneyDto>(201).ProducesValidationProblem();
        journeys.MapPut("/{id:guid}", async (Guid id, JourneyDefinition definition, JourneyService service, AccessContext access, CancellationToken ct) =>
                (await service.UpdateAsync(access, id, definition, ct)).ToHttp())
            .WithSummary("Replaces the draft; people already in a published version finish it.").Produces<JourneyDto>().ProducesValidationProblem().ProducesProblem(404);
        journeys.MapDelete("/{id:guid}", async (Guid id, JourneyService service, AccessContext access, CancellationToken ct) => (await service.DeleteAsync(access, id, ct)).ToHttp())
            .WithSummary("Deletes the journey with everyone's progress in it.").Produces(204).ProducesProblem(404);
        journeys.MapPost("/{id:guid}/publish", async (Guid id, JourneyService service, AccessContext access, CancellationToken ct) => (await service.PublishAsync(access, id, ct)).ToHttp())
            .WithSummary("Makes the draft live (a new version when it changed); resumes a paused journey.").Produces<JourneyDto>().ProducesValidationProblem().ProducesProblem(404);
        journeys.MapPost("/{id:guid}/pause", async (Guid id, JourneyService service, AccessContext access, CancellationToken ct) => (await service.PauseAsync(access, id, ct)).ToHttp())
            .WithSummary("Stops entries and steps; people wait where they are until it is published again.").Produces<JourneyDto>().ProducesProblem(404).ProducesProblem(409);
        journeys.MapPost("/{id:guid}/enrol", async (Guid id, JourneyEnrolRequest request, JourneyService service, AccessContext access, CancellationToken ct) =>
                (await service.EnrolAsync(access, id, request, ct)).ToHttp())
            .WithSummary("Enrols a list of people by hand into a live journey: {profileIds: [...]} (up to 10,000) or {segmentId} (its members now). The re-entry rule and once-at-a-time hold; answers {requested, enrolled}.")
            .Produces<JourneyEnrolResult>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        journeys.MapGet("/{id:guid}/stats", async (Guid id, JourneyQueries queries, AccessContext access, CancellationToken ct) => (await queries.StatsAsync(access, id, ct)).ToHttp())
            .WithSummary("Counts per step as a funnel: entered, waiting, completed, exited by goal, errors, and each outcome (skips with their reason).")
            .Produces<JourneyStats>().ProducesProblem(404);
        journeys.MapGet("/{id:guid}/people", async (Guid id, JourneyQueries queries, AccessContext access, CancellationToken ct, string? cursor, int? limit) =>
                (await queries.PeopleAsync(access, id, cursor, limit, ct)).ToHttp())
            .WithSummary("Who is or was in the journey, newest first (keyset: ?cursor=, ?limit= up to 500): profile, step, since, status and path.")
            .Produces<JourneyPeoplePage>().ProducesValidationProblem().ProducesProblem(404);
        api.MapGet("/profiles/{id:guid}/journeys", async (Guid id, JourneyQueries queries, AccessContext access, CancellationToken ct) => (await queries.ForProfileAsync(access, id, ct)).ToHttp())
            .WithTags("Journeys").RequireAuthorization().WithSummary("The journeys a profile is or was in: step, since, status and path.");
        return api;
    }
}
