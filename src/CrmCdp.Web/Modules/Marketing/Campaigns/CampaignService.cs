using CrmCdp.Web.Modules.Cdp.Contracts;
using CrmCdp.Web.Platform.Audit;
using CrmCdp.Web.Platform.Email;
using Hangfire;

namespace CrmCdp.Web.Modules.Marketing.Campaigns;

public sealed record CampaignInput(string? Name, Guid? SegmentId, Guid? TemplateId, DateTimeOffset? ScheduledAt);

internal sealed record CampaignDto(
    Guid Id, string Name, Guid SegmentId, Guid TemplateId, string Status, DateTimeOffset? ScheduledAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    int AudienceSize, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static CampaignDto From(Campaign c) => new(c.Id, c.Name, c.SegmentId, c.TemplateId, c.Status, c.ScheduledAt, c.StartedAt, c.FinishedAt, c.AudienceSize, c.CreatedAt, c.UpdatedAt);
}

/// <summary>
/// Campaigns: written by those who manage marketing email, sent (now or at their time) only by those who may send
/// campaigns. Every change is audited.
/// </summary>
internal sealed class CampaignService(
    IDbContextFactory<AppDbContext> dbFactory, ICdpProfilesForMarketing profiles, IBackgroundJobClient jobs, AuditLog audit, TimeProvider timeProvider)
{
    private const string Denied = "Your role cannot manage campaigns.";

    public async Task<OperationResult<IReadOnlyList<CampaignDto>>> ListAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        if (!MayRead(access))
        {
            return OperationResult<IReadOnlyList<CampaignDto>>.Forbidden(Denied);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var campaigns = await db.Set<Campaign>().AsNoTracking().OrderByDescending(c => c.CreatedAt).ToListAsync(cancellationToken);
        return OperationResult<IReadOnlyList<CampaignDto>>.Ok([.. campaigns.Select(CampaignDto.From)]);
    }

    public async Task<OperationResult<CampaignDto>> GetAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!MayRead(access))
        {
            return OperationResult<CampaignDto>.Forbidden(Denied);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Campaign>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is { } campaign
            ? OperationResult<CampaignDto>.Ok(CampaignDto.From(campaign)) : OperationResult<CampaignDto>.NotFound();
    }

    public Task<OperationResult<CampaignDto>> CreateAsync(AccessContext access, CampaignInput input, CancellationToken cancellationToken = default) =>
        SaveAsync(access, null, input, cancellationToken);

    public Task<OperationResult<CampaignDto>> UpdateAsync(AccessContext access, Guid id, CampaignInput input, CancellationToken cancellationToken = default) =>
        SaveAsync(access, id, input, cancellationToken);

    public async Task<OperationResult<bool>> DeleteAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Marketing.EmailManage))
        {
            return OperationResult<bool>.Forbidden(Denied);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<Campaign>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } campaign)
        {
            return OperationResult<bool>.NotFound();
        }

        if (campaign.Status == CampaignStatuses.Sending)
        {
            return OperationResult<bool>.Conflict("The campaign is being sent; delete it when it is done.");
        }

        db.Remove(campaign);
        Audit(db, access, campaign, $"Deleted campaign {campaign.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<bool>.Ok(true);
    }

    /// <summary>Sends now, or at the campaign's time when it is still ahead; the audience is the segment's members when it goes out.</summary>
    public async Task<OperationResult<CampaignDto>> SendAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Marketing.CampaignsSend))
        {
            return OperationResult<CampaignDto>.Forbidden("Your role cannot send campaigns.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<Campaign>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } campaign)
        {
            return OperationResult<CampaignDto>.NotFound();
        }

        if (campaign.Status != CampaignStatuses.Draft)
        {
            return OperationResult<CampaignDto>.Conflict($"The campaign is already {campaign.Status}.");
        }

        var now = timeProvider.GetUtcNow();
        (campaign.Status, campaign.UpdatedAt) = (CampaignStatuses.Scheduled, now);
        campaign.ScheduledAt = campaign.ScheduledAt is { } at && at > now ? at : now;
        Audit(db, access, campaign, $"Sent campaign {campaign.Name}{(campaign.ScheduledAt > now ? $" for {campaign.ScheduledAt:u}" : "")}");
        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<CampaignSendJob>(job => job.RunAsync(CancellationToken.None));
        return OperationResult<CampaignDto>.Ok(CampaignDto.From(campaign));
    }

    private async Task<OperationResult<CampaignDto>> SaveAsync(AccessContext access, Guid? id, CampaignInput input, CancellationToken cancellationToken)
    {
        if (!access.Has(Permissions.Marketing.EmailManage))
        {
            return OperationResult<CampaignDto>.Forbidden(Denied);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var campaign = id is { } existingId ? await db.Set<Campaign>().SingleOrDefaultAsync(c => c.Id == existingId, cancellationToken) : null;
        if (id is not null && campaign is null)
        {
            return OperationResult<CampaignDto>.NotFound();
        }

        if (campaign is not null && campaign.Status is not (CampaignStatuses.Draft or CampaignStatuses.Scheduled))
        {
            return OperationResult<CampaignDto>.Conflict("A campaign that has gone out cannot be changed.");
        }

        var now = timeProvider.GetUtcNow();
        if (await ValidateAsync(db, input, now, cancellationToken) is { Count: > 0 } errors)
        {
            return OperationResult<CampaignDto>.Invalid(errors);
        }

        if (campaign is null)
        {
            campaign = new Campaign { Id = Guid.CreateVersion7(), CreatedAt = now };
            db.Add(campaign);
        }

        (campaign.Name, campaign.SegmentId, campaign.TemplateId, campaign.ScheduledAt, campaign.UpdatedAt) =
            (input.Name!.Trim(), input.SegmentId!.Value, input.TemplateId!.Value, input.ScheduledAt, now);
        Audit(db, access, campaign, $"{(id is null ? "Created" : "Edited")} campaign {campaign.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<CampaignDto>.Ok(CampaignDto.From(campaign));
    }

    private async Task<Dictionary<string, string[]>> ValidateAsync(AppDbContext db, CampaignInput input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 200)
        {
            errors["name"] = ["Give the campaign a name of at most 200 characters."];
        }

        if (input.SegmentId is not { } segmentId || !await profiles.SegmentExistsAsync(db, segmentId, cancellationToken))
        {
            errors["segmentId"] = ["Choose the segment the campaign goes to."];
        }

        if (input.TemplateId is not { } templateId || !await db.Set<EmailTemplate>().AnyAsync(t => t.Id == templateId, cancellationToken))
        {
            errors["templateId"] = ["Choose the email template to send."];
        }

        if (input.ScheduledAt is { } at && at <= now)
        {
            errors["scheduledAt"] = ["Schedule the campaign for a time still to come, or leave it empty to send it when you press Send."];
        }

        return errors;
    }

    private static bool MayRead(AccessContext access) => access.Has(Permissions.Marketing.EmailManage) || access.Has(Permissions.Marketing.CampaignsSend);

    private void Audit(AppDbContext db, AccessContext access, Campaign campaign, string summary)
    {
        var entry = AuditActor.For(access, AuditActions.CampaignChanged);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("campaign", campaign.Id.ToString(), summary);
        audit.Add(db, entry);
    }
}
