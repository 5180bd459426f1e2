using System.Security.Claims;
using CrmCdp.Web.Modules.Cdp.Identity;
using CrmCdp.Web.Platform.Auth;

namespace CrmCdp.Web.Modules.Cdp.Profiles;

internal static class ProfileEndpoints
{
    public static RouteGroupBuilder MapProfileEndpoints(this RouteGroupBuilder api)
    {
        var profiles = api.MapGroup("/profiles").WithTags("Profiles").RequireAuthorization(Permissions.Cdp.ProfilesRead);
        profiles.MapGet("/lookup", async (string? type, string? value, ProfileService service, AccessContextFactory access, ClaimsPrincipal user, CancellationToken ct) =>
                (await service.LookupAsync(type, value, await SeesPiiAsync(access, user, ct), ct)).ToHttp())
            .WithSummary("The profile holding an identifier: ?type=user_id|anonymous_id|email|phone|<custom id type>&value=; 404 when none.")
            .Produces<ProfileDto>().ProducesValidationProblem().ProducesProblem(404);
        profiles.MapGet("/{id:guid}", async (Guid id, ProfileService service, AccessContextFactory access, ClaimsPrincipal user, CancellationToken ct) =>
                (await service.GetAsync(id, await SeesPiiAsync(access, user, ct), ct)).ToHttp())
            .WithSummary("One profile; a merged-away id answers with the surviving profile (requestedId names the id asked for).")
            .Produces<ProfileDto>().ProducesProblem(404);
        profiles.MapGet("/{id:guid}/events", async (Guid id, string? cursor, int? limit, ProfileService service, CancellationToken ct) =>
                (await service.EventsAsync(id, cursor, limit, ct)).ToHttp())
            .WithSummary("The profile's events, newest first (timestamp is the clock-skew-corrected event time); pass nextCursor back for the next page.")
            .Produces<ProfileEventPage>().ProducesValidationProblem().ProducesProblem(404);
        profiles.MapGet("/{id:guid}/merges", async (Guid id, ProfileService service, AccessContextFactory access, ClaimsPrincipal user, CancellationToken ct) =>
                (await service.MergesAsync(id, await SeesPiiAsync(access, user, ct), ct)).ToHttp())
            .WithSummary("The merge log of the profile: which profiles joined, through which identifier and event, under which rule; and splits.")
            .Produces<IReadOnlyList<ProfileMergeDto>>().ProducesProblem(404);
        profiles.MapGet("/{id:guid}/traits/history", async (Guid id, ProfileService service, AccessContextFactory access, ClaimsPrincipal user, CancellationToken ct) =>
                (await service.TraitHistoryAsync(id, await SeesPiiAsync(access, user, ct), ct)).ToHttp())
            .WithSummary("Every value each trait took in the profile's events, newest first, with its event, source and time.")
            .Produces<IReadOnlyList<TraitChangeDto>>().ProducesProblem(404);
        profiles.MapGet("/{id:guid}/consent", async (Guid id, ProfileService service, CancellationToken ct) => (await service.ConsentHistoryAsync(id, ct)).ToHttp())
            .WithSummary("The profile's consent history: categoryPreferences from events' context.consent, email / SMS consent from the linked contact.")
            .Produces<IReadOnlyList<ConsentChangeDto>>().ProducesProblem(404);
        profiles.MapPost("/{id:guid}/split", async (Guid id, SplitInput input, ProfileService service, AccessContextFactory access, ClaimsPrincipal user, CancellationToken ct) =>
                (await service.SplitAsync(id, input, user, await SeesPiiAsync(access, user, ct), ct)).ToHttp())
            .RequireAuthorization(Permissions.Cdp.ProfilesEdit)
            .WithSummary("Moves {identifiers: [{type, value}]} to a new profile; events follow their identifiers.")
            .Produces<SplitResult>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

        profiles.MapPost("/{id:guid}/contact", async (Guid id, ProfileService service, ClaimsPrincipal user, CancellationToken ct) =>
                (await service.CreateContactAsync(id, user, ct)).ToHttp(contactId => $"/api/v1/contacts/{contactId}"))
            .RequireAuthorization(Permissions.Crm.ContactsCreate)
            .WithSummary("Creates a CRM contact from a known profile (email, phone, name traits) and links them; answers 201 with the contact id.")
            .Produces<Guid>(201).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

        var rules = api.MapGroup("/identity/rules").WithTags("Profiles").RequireAuthorization(Permissions.Cdp.ProfilesEdit);
        rules.MapGet("/", async (IdentityRulesProvider provider, CancellationToken ct) => IdentityRulesDto.From(await provider.CurrentAsync(ct)))
            .WithSummary("The identity rules: priority of identifier types, limits per profile, blocked values and patterns.");
        rules.MapPut("/", async (IdentityRulesInput input, IdentityRulesService service, ClaimsPrincipal user, CancellationToken ct) =>
                (await service.SaveAsync(input, user, ct)).ToHttp())
            .WithSummary("Saves the identity rules (applied from the next resolution batch on).").Produces<IdentityRulesDto>().ProducesValidationProblem();
        return api;
    }

    private static async Task<bool> SeesPiiAsync(AccessContextFactory access, ClaimsPrincipal user, CancellationToken ct) =>
        (await access.CreateAsync(user, ct)).Has(Permissions.Privacy.PiiView);
}
