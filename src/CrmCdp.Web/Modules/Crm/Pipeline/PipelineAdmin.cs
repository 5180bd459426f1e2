
namespace CrmCdp.Web.Modules.Crm.Pipeline;

public sealed class StageInput
{
    /// <summary>An existing stage's id; left out for a new stage.</summary>
    public Guid? Id { get; set; }

    public string? Name { get; set; }

    public int? Probability { get; set; }

    public int? RottingDays { get; set; }
}

/// <summary>A pipeline with its whole ordered list of stages (stages left out are removed, if no deal is in them).</summary>
public sealed class PipelineInput
{
    public string? Name { get; set; }

    public string? Currency { get; set; }

    public List<Guid>? VisibleToTeamIds { get; set; }

    public List<StageInput>? Stages { get; set; }
}

public sealed class LostReasonInput
{
    public string? Name { get; set; }

    public bool? Active { get; set; }
}

/// <summary>Admin changes to pipelines, stages and lost reasons (permission admin.pipelines.manage).</summary>
internal sealed class PipelineAdmin(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<OperationResult<PipelineDto>> SaveAsync(AccessContext access, Guid? id, PipelineInput input, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.PipelinesManage))
        {
            return OperationResult<PipelineDto>.Forbidden("Your role cannot manage pipelines.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pipeline = id is { } existing
            ? await db.Set<SalesPipeline>().Include(p => p.Stages).SingleOrDefaultAsync(p => p.Id == existing, cancellationToken)
            : new SalesPipeline { Id = Guid.CreateVersion7(), Order = await db.Set<SalesPipeline>().CountAsync(cancellationToken) };
        if (pipeline is null)
        {
            return OperationResult<PipelineDto>.NotFound();
        }

        var errors = await ValidateAsync(db, pipeline, input, cancellationToken);
        if (errors.Count > 0)
        {
            return OperationResult<PipelineDto>.Invalid(errors);
        }

        pipeline.Name = input.Name!.Trim();
        pipeline.Currency = (input.Currency ?? "EUR").Trim().ToUpperInvariant();
        pipeline.VisibleToTeamIds = [.. (input.VisibleToTeamIds ?? []).Distinct()];
        var stages = input.Stages!;
        db.RemoveRange(pipeline.Stages.Where(s => stages.All(i => i.Id != s.Id)));
        for (var order = 0; order < stages.Count; order++)
        {
            var stageInput = stages[order];
            var stage = pipeline.Stages.FirstOrDefault(s => s.Id == stageInput.Id);
            if (stage is null)
            {
                stage = new PipelineStage { Id = Guid.CreateVersion7(), PipelineId = pipeline.Id };
                db.Add(stage);
            }

            (stage.Name, stage.Order, stage.Probability, stage.RottingDays) = (stageInput.Name!.Trim(), order, stageInput.Probability ?? 0, stageInput.RottingDays);
        }

        if (id is null)
        {
            db.Add(pipeline);
        }

        await db.SaveChangesAsync(cancellationToken);
        var saved = await db.Set<SalesPipeline>().Include(p => p.Stages).AsNoTracking().SingleAsync(p => p.Id == pipeline.Id, cancellationToken);
        return OperationResult<PipelineDto>.Ok(PipelineService.ToDto(saved));
    }

    public async Task<OperationResult<bool>> DeleteAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.PipelinesManage))
        {
            return OperationResult<bool>.Forbidden("Your role cannot manage pipelines.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pipeline = await db.Set<SalesPipeline>().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (pipeline is null)
        {
            return OperationResult<bool>.NotFound();
        }

        if (await db.Set<Deal>().IgnoreQueryFilters().AnyAsync(d => d.PipelineId == id, cancellationToken))
        {
            return OperationResult<bool>.Conflict("This pipeline has deals; move or delete them first.");
        }

        db.Remove(pipeline);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<bool>.Ok(true);
    }

    public async Task<OperationResult<LostReasonDto>> SaveReasonAsync(AccessContext access, Guid? id, LostReasonInput input, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.PipelinesManage))
        {
            return OperationResult<LostReasonDto>.Forbidden("Your role cannot manage pipelines.");
        }

        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            return OperationResult<LostReasonDto>.Invalid("name", "Give the reason a name of 1 to 100 characters.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var reason = id is { } existing ? await db.Set<LostReason>().SingleOrDefaultAsync(r => r.Id == existing, cancellationToken) : null;
        if (id is not null && reason is null)
        {
            return OperationResult<LostReasonDto>.NotFound();
        }

        if (reason is null)
        {
            reason = new LostReason { Id = Guid.CreateVersion7(), Order = await db.Set<LostReason>().CountAsync(cancellationToken) };
            db.Add(reason);
        }

        (reason.Name, reason.Active) = (name, input.Active ?? reason.Active);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<LostReasonDto>.Ok(new LostReasonDto(reason.Id, reason.Name, reason.Active));
    }

    private static async Task<Dictionary<string, string[]>> ValidateAsync(AppDbContext db, SalesPipeline pipeline, PipelineInput input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.Name?.Trim() is not { Length: > 0 and <= 100 })
        {
            errors["name"] = ["Give the pipeline a name of 1 to 100 characters."];
        }

        if (input.Currency is not null && !System.Text.RegularExpressions.Regex.IsMatch(input.Currency.Trim(), "^[A-Za-z]{3}$"))
        {
            errors["currency"] = ["Use a three-letter currency code such as EUR or USD."];
        }

        var stages = input.Stages ?? [];
        if (stages.Count == 0)
        {
            errors["stages"] = ["A pipeline needs at least one stage."];
        }

        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            if (stage.Name?.Trim() is not { Length: > 0 and <= 100 })
            {
                errors[$"stages[{i}].name"] = ["Give the stage a name of 1 to 100 characters."];
            }

            if (stage.Probability is not (>= 0 and <= 100))
            {
                errors[$"stages[{i}].probability"] = ["The win probability must be between 0 and 100 %."];
            }

            if (stage.RottingDays is < 1 or > 365)
            {
                errors[$"stages[{i}].rottingDays"] = ["Rotting starts after 1 to 365 days, or leave it empty."];
            }

            if (stage.Id is { } stageId && pipeline.Stages.All(s => s.Id != stageId))
            {
                errors[$"stages[{i}].id"] = ["That stage belongs to another pipeline."];
            }
        }

        if (stages.Select(s => s.Name?.Trim().ToUpperInvariant()).Distinct().Count() != stages.Count)
        {
            errors["stages"] = ["Stage names must differ."];
        }

        var removed = pipeline.Stages.Where(s => stages.All(i => i.Id != s.Id)).Select(s => s.Id).ToList();
        if (removed.Count > 0 && await db.Set<Deal>().IgnoreQueryFilters().AnyAsync(d => removed.Contains(d.StageId), cancellationToken))
        {
            errors["stages"] = ["A removed stage still has deals; move them to another stage first."];
        }

        var teams = (input.VisibleToTeamIds ?? []).Distinct().ToList();
        if (teams.Count > 0 && await db.Teams.CountAsync(t => teams.Contains(t.Id), cancellationToken) != teams.Count)
        {
            errors["visibleToTeamIds"] = ["One of the teams does not exist."];
        }

        return errors;
    }
}
