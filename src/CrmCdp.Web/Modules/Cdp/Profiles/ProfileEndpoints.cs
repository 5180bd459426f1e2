using CrmCdp.Web.Modules.Cdp.Identity;

namespace CrmCdp.Web.Modules.Cdp.Profiles;

internal static class ProfileEndpoints
{
    public static RouteGroupBuilder MapProfileEndpoints(this RouteGroupBuilder api)
    {
        var profiles = api.MapGroup("/profiles").WithTags("Profiles").RequireAuthorization(Permissions.Cdp.ProfilesRead);
        profiles.MapGet("/lookup", async (string? type, string? value, ProfileQueries queries, AccessContext access, CancellationToken ct) =>
                (await queries.LookupAsync(access, type, value, ct)).ToHttp())
            .WithSummary("The profile holding an identifier: ?type=user_id|anonymous_id|email|phone|<custom id type>&value=; 404 when none.")
            .Produces<ProfileDto>().ProducesValidationProblem().ProducesProblem(404);
        profiles.MapGet("/{id:guid}", async (Guid id, ProfileQueries queries, AccessContext access, CancellationToken ct) => (await queries.GetAsync(access, id, ct)).ToHttp())
            .WithSummary("One profile; a merged-away id answers with the surviving profile (requestedId names the id asked for).")
            .Produces<ProfileDto>().ProducesProblem(404);
        profiles.MapGet("/{id:guid}/events", async (Guid id, string? cursor, int? limit, string? types, ProfileTimeline timeline, AccessContext access, CancellationToken ct) =>
                (await timeline.EventsAsync(access, id, cursor, limit, types, ct)).ToHttp())
            .WithSummary("The profile's timeline, newest first (timestamp is the clock-skew-corrected event time): its events, CRM facts (type crm) and segment changes (type segment); ?types=track,page keeps only those; pass nextCursor back for the next page.")
            .Produces<ProfileEventPage>().ProducesValidationProblem().ProducesProblem(404);
        profiles.MapGet("/{id:guid}/merges", async (Guid id, ProfileQueries queries, AccessContext access, CancellationToken ct) => (await queries.MergesAsync(access, id, ct)).ToHttp())
            .WithSummary("The merge log of the profile: which profiles joined, through which identifier and event, under which rule; and splits.")
            .Produces<IReadOnlyList<ProfileMergeDto>>().ProducesProblem(404);
        profiles.MapGet("/{id:guid}/traits/history", async (Guid id, TraitHistory history, AccessContext access, CancellationToken ct) => (await history.OfAsync(access, id, ct)).ToHttp())
            .WithSummary("Every value each trait took in the profile's events, newest first, with its event, source and time.")
            .Produces<IReadOnlyList<TraitChangeDto>>().ProducesProblem(404);
        profiles.MapGet("/{id:guid}/consent", async (Guid id, ProfileQueries queries, AccessContext access, CancellationToken ct) =>
                (await queries.ConsentHistoryAsync(access, id, ct)).ToHttp())
            .WithSummary("The profile's consent history: categoryPreferences from events' context.consent, email / SMS consent from the linked contact.")
            .Produces<IReadOnlyList<ConsentChangeDto>>().ProducesProblem(404);
        profiles.MapPost("/{id:guid}/split", async (Guid id, SplitInput input, ProfileSplitter splitter, AccessContext access, CancellationToken ct) =>
                (await splitter.SplitAsync(access, id, input, ct)).ToHttp())
            .RequireAuthorization(Permissions.Cdp.ProfilesEdit)
            .WithSummary("Moves {identifiers: [{type, value}]} to a new profile; events follow their identifiers.")
            .Produces<SplitResult>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

        profiles.MapPost("/{id:guid}/contact", async (Guid id, ProfileContacts contacts, AccessContext access, CancellationToken ct) =>
                (await contacts.CreateContactAsync(access, id, ct)).ToHttp(contactId => $"/api/v1/contacts/{contactId}"))
            .RequireAuthorization(Permissions.Crm.ContactsCreate)
            .WithSummary("Creates a CRM contact from a known profile (email, phone, name traits) and links them; answers 201 with the contact id.")
            .Produces<Guid>(201).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

        var rules = api.MapGroup("/identity/rules").WithTags("Profiles").RequireAuthorization(Permissions.Cdp.ProfilesEdit);
        rules.MapGet("/", async (IdentityRulesService service, AccessContext access, CancellationToken ct) => (await service.GetAsync(access, ct)).ToHttp())
            .WithSummary("The identity rules: priority of identifier types, limits per profile, blocked values and patterns.");
        rules.MapPut("/", async (IdentityRulesInput input, IdentityRulesService service, AccessContext access, CancellationToken ct) =>
                (await service.SaveAsync(access, input, ct)).ToHttp())
            .WithSummary("Saves the identity rules (applied from the next resolution batch on).").Produces<IdentityRulesDto>().ProducesValidationProblem();
        return api;
    }
}
