using System.Text.Json;
using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Common.Records;
using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Modules.Crm.Contracts;
using CrmCdp.Web.Modules.Crm.Timeline;
using FluentValidation;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Pipeline;

/// <summary>Deals: create, edit, delete and move, each within the caller's scope, with history, timeline and internal events.</summary>
internal sealed class DealService(
    IDbContextFactory<AppDbContext> dbFactory, IValidator<DealInput> validator, PipelineService pipelines, UserDirectory users, RecordInputChecks checks, CrmRecordCommands records,
    AssignmentNotices notices, TimeProvider timeProvider)
{
    private static CrmRecordKind<Deal> Kind => CrmRecordKinds.Deals;

    public async Task<OperationResult<DealDto>> GetAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var deal = await db.Set<Deal>().Within(access, P.DealsRead).AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return deal is null ? OperationResult<DealDto>.NotFound() : OperationResult<DealDto>.Ok((await DealDtos.ToDtosAsync(db, users, [deal], timeProvider.GetUtcNow(), cancellationToken))[0]);
    }

    public async Task<OperationResult<DealDto>> CreateAsync(AccessContext access, DealInput input, CancellationToken cancellationToken = default)
    {
        var ownerId = input.OwnerId ?? access.UserId;
        var created = await records.CreateAsync(Kind, access, P.DealsCreate, "Your role cannot create deals.", async (db, now) =>
        {
            var (errors, pipeline) = await CheckAsync(db, access, input, ownerId, P.DealsCreate, cancellationToken);
            if (errors.Count > 0)
            {
                return (null, errors);
            }

            var deal = new Deal { Id = Guid.CreateVersion7(), PipelineId = pipeline!.Id, CreatedAt = now, StageEnteredAt = now, Outcome = DealOutcome.Open };
            Apply(deal, input, pipeline, ownerId, now);
            deal.StageId = input.StageId ?? pipeline.Stages[0].Id;
            db.Add(new DealStageChange { DealId = deal.Id, ToStageId = deal.StageId, Outcome = DealOutcome.Open, UserId = access.UserId, ChangedAt = now });
            await notices.TellAsync(db, access, CrmRecordType.Deal, deal.Id, deal.Name, deal.OwnerId, null, cancellationToken);
            db.Add(Event("deal.created", deal, now, new { deal.Name, deal.Amount, deal.Currency, Stage = StageName(pipeline, deal.StageId), Pipeline = pipeline.Name }));
            return (deal, null);
        }, cancellationToken);
        return created.Value is { } id && id != Guid.Empty ? await GetAsync(access, id, cancellationToken) : created.As<DealDto>();
    }

    public async Task<OperationResult<DealDto>> UpdateAsync(AccessContext access, Guid id, DealInput input, CancellationToken cancellationToken = default)
    {
        var edited = await records.EditAsync(Kind, access, id, input.Version, async (db, deal, now) =>
        {
            input.PipelineId ??= deal.PipelineId;
            var ownerId = input.OwnerId ?? deal.OwnerId;
            var (errors, pipeline) = await CheckAsync(db, access, input, ownerId, P.DealsEdit, cancellationToken, deal);
            if (input.PipelineId != deal.PipelineId || (input.StageId is { } stage && stage != deal.StageId))
            {
                errors["stageId"] = ["Move the deal with POST /api/v1/deals/{id}/move (or the board), so its history is kept."];
            }

            if (errors.Count > 0)
            {
                return errors;
            }

            var before = (deal.Name, deal.Amount, deal.Currency, deal.ExpectedCloseDate, deal.OwnerId, deal.NextStep);
            Apply(deal, input, pipeline!, ownerId, now);
            await notices.TellAsync(db, access, CrmRecordType.Deal, id, deal.Name, deal.OwnerId, before.OwnerId, cancellationToken);
            var names = await users.NamesAsync([before.OwnerId, deal.OwnerId], cancellationToken);
            string? Owner(Guid? o) => o is { } value ? names.GetValueOrDefault(value) : null;
            CrmRecordCommands.Note(db, Kind, access, id, now, FieldChange.Between(
            [
                ("Name", before.Name, deal.Name),
                ("Amount", $"{before.Amount:N2} {before.Currency}", $"{deal.Amount:N2} {deal.Currency}"),
                ("Expected close", Day(before.ExpectedCloseDate), Day(deal.ExpectedCloseDate)),
                ("Owner", Owner(before.OwnerId), Owner(deal.OwnerId)),
                ("Next step", before.NextStep, deal.NextStep),
            ]));
            return null;
        }, cancellationToken);
        return edited.Value ? await GetAsync(access, id, cancellationToken) : edited.As<DealDto>();
    }

    private static string? Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public Task<OperationResult<bool>> DeleteAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default) =>
        records.DeleteAsync(Kind, access, id, cancellationToken);

    /// <summary>The one way a deal changes stage or closes: board, deal page and API all come here, so the won/lost rules hold everywhere.</summary>
    public async Task<OperationResult<DealDto>> MoveAsync(AccessContext access, Guid id, DealMove move, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await CrmRecordCommands.FindForChangeAsync(db, Kind, access, id, P.DealsEdit, "move", cancellationToken);
        if (found.Value is not { } deal)
        {
            return found.As<DealDto>();
        }

        var pipeline = await db.Set<SalesPipeline>().Include(p => p.Stages).AsNoTracking().SingleAsync(p => p.Id == deal.PipelineId, cancellationToken);
        var outcome = move.Outcome is null ? (DealOutcome?)null : CrmEnumNames.Parse<DealOutcome>(move.Outcome);
        var errors = new Dictionary<string, string[]>();
        if (move.Outcome is not null && outcome is not (DealOutcome.Won or DealOutcome.Lost))
        {
            errors["outcome"] = ["The outcome must be won or lost."];
        }
        else if (outcome is null && move.StageId is null)
        {
            errors["stageId"] = ["Give the stage to move to, or an outcome (won or lost)."];
        }
        else if (outcome is null && pipeline.Stages.All(s => s.Id != move.StageId))
        {
            errors["stageId"] = ["That stage is not part of this deal's pipeline."];
        }
        else if (outcome == DealOutcome.Won && move.Amount is not >= 0)
        {
            errors["amount"] = ["Enter the final amount of the won deal."];
        }
        else if (outcome == DealOutcome.Lost && (move.LostReasonId is not { } reasonId || !await db.Set<LostReason>().AnyAsync(r => r.Id == reasonId && r.Active, cancellationToken)))
        {
            errors["lostReasonId"] = ["Choose why the deal was lost."];
        }

        if (errors.Count > 0)
        {
            return OperationResult<DealDto>.Invalid(errors);
        }

        var now = timeProvider.GetUtcNow();
        var reasonName = outcome == DealOutcome.Lost ? await db.Set<LostReason>().Where(r => r.Id == move.LostReasonId).Select(r => r.Name).SingleAsync(cancellationToken) : null;
        if (deal.MoveTo(move.StageId ?? deal.StageId, outcome ?? DealOutcome.Open, move.Amount, move.LostReasonId, now) is not { } moved)
        {
            return await GetAsync(access, id, cancellationToken);
        }

        db.Add(new DealStageChange
        {
            DealId = id,
            FromStageId = moved.FromStageId,
            ToStageId = deal.StageId,
            Outcome = deal.Outcome,
            UserId = access.UserId,
            ChangedAt = now,
            SecondsInPrevious = moved.SecondsInPrevious,
        });
        var was = moved.FromOutcome == DealOutcome.Open ? StageName(pipeline, moved.FromStageId) : moved.FromOutcome.ToString();
        var isNow = deal.Outcome == DealOutcome.Open ? StageName(pipeline, deal.StageId) : deal.Outcome == DealOutcome.Lost ? $"Lost ({reasonName})" : $"Won ({deal.Amount:N2} {deal.Currency})";
        CrmRecordCommands.Note(db, Kind, access, id, now, "Stage", was, isNow);
        db.Add(Event(deal.Outcome switch { DealOutcome.Won => "deal.won", DealOutcome.Lost => "deal.lost", _ => "deal.stage_changed" }, deal, now,
            new { deal.Name, deal.Amount, deal.Currency, From = was, To = isNow, LostReason = reasonName, Pipeline = pipeline.Name }));
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(access, id, cancellationToken);
    }

    public async Task<IReadOnlyList<StageHistoryDto>> HistoryAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<Deal>().Within(access, P.DealsRead).AnyAsync(d => d.Id == id, cancellationToken))
        {
            return [];
        }

        var stages = await db.Set<PipelineStage>().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var changes = await db.Set<DealStageChange>().Where(c => c.DealId == id).OrderBy(c => c.ChangedAt).AsNoTracking().ToListAsync(cancellationToken);
        var names = await users.NamesAsync(changes.Select(c => c.UserId), cancellationToken);
        return [.. changes.Select(c => new StageHistoryDto(
            c.FromStageId, c.FromStageId is { } from ? stages.GetValueOrDefault(from) : null, c.ToStageId, stages.GetValueOrDefault(c.ToStageId, "?"),
            CrmEnumNames.Wire(c.Outcome), c.UserId is { } user ? names.GetValueOrDefault(user) : null, c.ChangedAt, c.SecondsInPrevious))];
    }

    /// <param name="stored">The deal being edited: the links it already has stay valid even where the editor cannot see them.</param>
    private async Task<(Dictionary<string, string[]> Errors, PipelineDto? Pipeline)> CheckAsync(
        AppDbContext db, AccessContext access, DealInput input, Guid? ownerId, string permission, CancellationToken cancellationToken, Deal? stored = null)
    {
        var errors = await checks.CheckAsync(validator, input, access, new RecordOwner(ownerId, permission, "deals"), cancellationToken);
        var pipeline = input.PipelineId is { } pipelineId ? await pipelines.FindAsync(access, pipelineId, cancellationToken) : null;
        if (input.PipelineId is not null && pipeline is null)
        {
            errors["pipelineId"] = ["No such pipeline, or it is not visible to you."];
        }
        else if (pipeline is not null && pipeline.Stages.Count == 0)
        {
            errors["pipelineId"] = ["This pipeline has no stages yet."];
        }
        else if (pipeline is not null && input.StageId is { } stageId && pipeline.Stages.All(s => s.Id != stageId))
        {
            errors["stageId"] = ["That stage is not part of the pipeline."];
        }

        var contactIds = (input.ContactIds ?? []).Distinct().Except(stored?.ContactIds ?? []).ToList();
        if (contactIds.Count > 0 && await db.Set<Contact>().Within(access, P.ContactsRead).CountAsync(c => contactIds.Contains(c.Id), cancellationToken) != contactIds.Count)
        {
            errors["contactIds"] = ["One of the contacts does not exist or is not visible to you."];
        }

        await RecordLinks.AddProblemsAsync(errors, db, access, null, input.CompanyId == stored?.CompanyId ? null : input.CompanyId, cancellationToken);

        return (errors, pipeline);
    }

    private static void Apply(Deal deal, DealInput input, PipelineDto pipeline, Guid? ownerId, DateTimeOffset now)
    {
        deal.Name = input.Name!.Trim();
        deal.Amount = input.Amount ?? 0;
        deal.Currency = (input.Currency ?? pipeline.Currency).ToUpperInvariant();
        deal.ExpectedCloseDate = input.ExpectedCloseDate;
        deal.ContactIds = [.. (input.ContactIds ?? []).Distinct()];
        deal.CompanyId = input.CompanyId;
        deal.OwnerId = ownerId;
        deal.Source = string.IsNullOrWhiteSpace(input.Source) ? null : input.Source.Trim();
        deal.NextStep = string.IsNullOrWhiteSpace(input.NextStep) ? null : input.NextStep.Trim();
        deal.UpdatedAt = now;
    }

    private static string StageName(PipelineDto pipeline, Guid stageId) => pipeline.Stages.FirstOrDefault(s => s.Id == stageId)?.Name ?? "?";

    private static string StageName(SalesPipeline pipeline, Guid stageId) => pipeline.Stages.FirstOrDefault(s => s.Id == stageId)?.Name ?? "?";

    private static CrmInternalEvent Event(string type, Deal deal, DateTimeOffset at, object properties) => new()
    {
        Type = type,
        RecordId = deal.Id,
        ContactIds = [.. deal.ContactIds],
        CompanyId = deal.CompanyId,
        OccurredAt = at,
        PropertiesJson = JsonSerializer.Serialize(properties, JsonSerializerOptions.Web),
    };
}
