using System.Globalization;
using System.Text.Json;
using CrmCdp.Web.Platform.Audit;
using Hangfire;

namespace CrmCdp.Web.Modules.Cdp.Segments;

public sealed class ComputedTraitInput
{
    public string? Key { get; set; }

    public string? Name { get; set; }

    /// <summary>One of <see cref="ComputedTraitKinds"/>; "score" when left out.</summary>
    public string? Kind { get; set; }

    public string? Event { get; set; }

    public string? Property { get; set; }

    public List<SegmentCondition>? Where { get; set; }

    public EventWindow? Within { get; set; }

    public int? WindowDays { get; set; }

    public List<ComputedTraitRule>? Rules { get; set; }

    public decimal? HalfLifeDays { get; set; }

    public decimal? Cap { get; set; }
}

public sealed record ComputedTraitDto(
    Guid Id, string Key, string Name, string Kind, string? Event, string? Property, IReadOnlyList<SegmentCondition>? Where, EventWindow? Within, int WindowDays,
    IReadOnlyList<ComputedTraitRule> Rules, decimal? HalfLifeDays, decimal? Cap, DateTimeOffset? LastComputedAt);

/// <summary>Computed traits: aggregates of an event's property or scores of weighted, decaying events in a window (the intent score is one), audited, kept current with the segments.</summary>
internal sealed class ComputedTraitService(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, IBackgroundJobClient jobs, TimeProvider timeProvider)
{
    public async Task<IReadOnlyList<ComputedTraitDto>> ListAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.SegmentsRead))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return [.. (await db.Set<ComputedTrait>().AsNoTracking().OrderBy(t => t.Key).ToListAsync(cancellationToken)).Select(ToDto)];
    }

    public async Task<OperationResult<ComputedTraitDto>> SaveAsync(AccessContext access, Guid? id, ComputedTraitInput input, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.ComputedTraitsManage))
        {
            return OperationResult<ComputedTraitDto>.Forbidden("Your role cannot change computed traits.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        ComputedTrait trait;
        if (id is { } existing)
        {
            trait = await db.Set<ComputedTrait>().SingleOrDefaultAsync(t => t.Id == existing, cancellationToken) ?? new ComputedTrait();
            if (trait.Id == Guid.Empty)
            {
                return OperationResult<ComputedTraitDto>.NotFound();
            }
        }
        else
        {
            trait = new ComputedTrait { Id = Guid.CreateVersion7(), CreatedAt = now };
            db.Add(trait);
        }

        var errors = ComputedTraitValidator.Validate(input, id is null);
        if (id is null && errors.Count == 0 && await db.Set<ComputedTrait>().AnyAsync(t => t.Key == input.Key, cancellationToken))
        {
            errors["key"] = [$"A computed trait {input.Key} exists already."];
        }

        if (errors.Count > 0)
        {
            return OperationResult<ComputedTraitDto>.Invalid(errors);
        }

        var before = id is null ? null : ComputedTraitSummary(trait);
        trait.Key = id is null ? input.Key! : trait.Key;
        trait.Name = input.Name!.Trim();
        var kind = input.Kind ?? ComputedTraitKinds.Score;
        var score = kind == ComputedTraitKinds.Score;
        (trait.Kind, trait.Event, trait.Property) = (kind, score ? null : input.Event!.Trim(), ComputedTraitKinds.NeedsProperty(kind) ? input.Property!.Trim() : null);
        trait.Where = score || input.Where is not { Count: > 0 } ? null : JsonSerializer.Serialize(input.Where, SegmentDefinitions.Json);
        trait.Within = input.Within is null ? null : JsonSerializer.Serialize(input.Within, SegmentDefinitions.Json);
        trait.WindowDays = input.Within is null ? input.WindowDays ?? 30 : (int)Math.Ceiling(ComputedTraitSql.Window(trait).TotalDays);
        trait.Rules = score ? SegmentDefinitions.SerializeRules(input.Rules!.Select(r => r with { Event = r.Event.Trim(), Where = r.Where is { Count: > 0 } ? r.Where : null })) : "[]";
        (trait.HalfLifeDays, trait.Cap) = score ? (input.HalfLifeDays, input.Cap) : (null, null);
        trait.UpdatedAt = now;
        var entry = AuditActor.For(access, AuditActions.ComputedTraitChanged);
        (entry.RecordType, entry.RecordId, entry.Before, entry.After, entry.Summary) =
            ("computed_trait", trait.Id.ToString(), before, ComputedTraitSummary(trait), $"{(id is null ? "Created" : "Changed")} computed trait {trait.Key}");
        audit.Add(db, entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return OperationResult<ComputedTraitDto>.Conflict($"A computed trait {trait.Key} was created a moment ago.");
        }

        var traitId = trait.Id;
        jobs.Enqueue<ComputedTraitCalculator>(calculator => calculator.ComputeAsync(traitId, CancellationToken.None));
        return OperationResult<ComputedTraitDto>.Ok(ToDto(trait));
    }

    public async Task<OperationResult<bool>> DeleteAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.ComputedTraitsManage))
        {
            return OperationResult<bool>.Forbidden("Your role cannot change computed traits.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var trait = await db.Set<ComputedTrait>().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (trait is null)
        {
            return OperationResult<bool>.NotFound();
        }

        var users = (await db.Set<Segment>().Select(s => new { s.Name, s.Definition }).ToListAsync(cancellationToken))
            .Where(s => SegmentDefinitions.Parse(s.Definition).Walk().Any(c => c.Type == ConditionTypes.Computed && c.Field == trait.Key)).Select(s => s.Name).ToList();
        if (users.Count > 0)
        {
            return OperationResult<bool>.Conflict($"{string.Join(", ", users)} use {trait.Key} in their conditions; change them first.");
        }

        db.Remove(trait);
        await db.Set<ProfileComputedValue>().Where(v => v.Key == trait.Key).ExecuteDeleteAsync(cancellationToken);
        var entry = AuditActor.For(access, AuditActions.ComputedTraitChanged);
        (entry.RecordType, entry.RecordId, entry.Before, entry.Summary) = ("computed_trait", id.ToString(), ComputedTraitSummary(trait), $"Deleted computed trait {trait.Key}");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<bool>.Ok(true);
    }

    private static string ComputedTraitSummary(ComputedTrait t) => t.Kind == ComputedTraitKinds.Score
        ? $"{t.Name}: score of {t.Rules} over {ComputedTraitSql.Window(t)}, half-life {t.HalfLifeDays?.ToString(CultureInfo.InvariantCulture) ?? "none"}, cap {t.Cap?.ToString(CultureInfo.InvariantCulture) ?? "none"}"
        : $"{t.Name}: {t.Kind} of {t.Event}{(t.Property is null ? "" : "." + t.Property)} where {t.Where ?? "[]"} over {ComputedTraitSql.Window(t)}";

    private static ComputedTraitDto ToDto(ComputedTrait t) => new(
        t.Id, t.Key, t.Name, t.Kind, t.Event, t.Property, ComputedTraitSql.Where(t), ComputedTraitSql.Within(t), t.WindowDays,
        SegmentDefinitions.ParseRules(t.Rules), t.HalfLifeDays, t.Cap, t.LastComputedAt);
}
