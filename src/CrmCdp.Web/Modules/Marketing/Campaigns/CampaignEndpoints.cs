namespace CrmCdp.Web.Modules.Marketing.Campaigns;

internal static class CampaignEndpoints
{
    public static RouteGroupBuilder MapCampaignEndpoints(this RouteGroupBuilder api)
    {
        var campaigns = api.MapGroup("/campaigns").WithTags("Campaigns").RequireAuthorization();
        campaigns.MapGet("/", async (CampaignService service, AccessContext access, CancellationToken ct) => (await service.ListAsync(access, ct)).ToHttp())
            .WithSummary("Campaigns, newest first.");
        campaigns.MapGet("/{id:guid}", async (Guid id, CampaignService service, AccessContext access, CancellationToken ct) => (await service.GetAsync(access, id, ct)).ToHttp())
            .WithSummary("One campaign.").Produces<CampaignDto>().ProducesProblem(404);
        campaigns.MapPost("/", async (CampaignInput input, CampaignService service, AccessContext access, CancellationToken ct) =>
                (await service.CreateAsync(access, input, ct)).ToHttp(c => $"/api/v1/campaigns/{c.Id}"))
            .WithSummary("Creates a draft campaign: {name, segmentId, templateId, scheduledAt (optional, to come)}.").Produces<CampaignDto>(201).ProducesValidationProblem();
        campaigns.MapPut("/{id:guid}", async (Guid id, CampaignInput input, CampaignService service, AccessContext access, CancellationToken ct) =>
                (await service.UpdateAsync(access, id, input, ct)).ToHttp())
            .WithSummary("Changes a campaign that has not gone out.").Produces<CampaignDto>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);
        campaigns.MapDelete("/{id:guid}", async (Guid id, CampaignService service, AccessContext access, CancellationToken ct) => (await service.DeleteAsync(access, id, ct)).ToHttp())
            .WithSummary("Deletes a campaign and its numbers.").Produces(204).ProducesProblem(404).ProducesProblem(409);
        campaigns.MapPost("/{id:guid}/send", async (Guid id, CampaignService service, AccessContext access, CancellationToken ct) =>
            {
                var result = await service.SendAsync(access, id, ct);
                return result.Value is { } campaign ? Results.Accepted($"/api/v1/campaigns/{id}", campaign) : result.ToHttp();
            })
            .WithSummary("Sends the campaign now, or at its scheduledAt: the audience is the segment's members when it goes out, consent applied (needs marketing.campaigns.send).")
            .Produces<CampaignDto>(202).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        campaigns.MapGet("/{id:guid}/stats", async (Guid id, CampaignQueries queries, AccessContext access, CancellationToken ct) => (await queries.StatsAsync(access, id, ct)).ToHttp())
            .WithSummary("Sent, failed, opened and clicked (unique), unsubscribed, skipped by reason, and contacts who later had a deal created or won.")
            .Produces<CampaignStats>().ProducesProblem(404);
        return api;
    }
}
