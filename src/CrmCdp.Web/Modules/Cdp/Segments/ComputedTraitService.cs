using System.Text.RegularExpressions;
using CrmCdp.Web.Platform.Audit;
using Hangfire;

namespace CrmCdp.Web.Modules.Cdp.Segments;

public sealed class ComputedTraitInput
{
    public string? Key { get; set; }

    public string? Name { get; set; }

    public int? WindowDays { get; set; }

    public List<ComputedTraitRule>? Rules { get; set; }

    public decimal? Cap { get; set; }
}

public sealed record ComputedTraitDto(Guid Id, string Key, string Name, int WindowDays, IReadOnlyList<ComputedTraitRule> Rules, decimal? Cap, DateTimeOffset? LastComputedAt);

/// <summary>Computed traits: weighted event counts in a window (the intent score is one), audited, recomputed with the segments.</summary>
internal sealed partial class ComputedTraitService(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, IBackgroundJobClient jobs, TimeProvider timeProvider)
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

        var errors = Validate(input, id is null);
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
        trait.WindowDays = input.WindowDays ?? 30;
        trait.Rules = SegmentDefinitions.SerializeRules(input.Rules!.Select(r => r with { Event = r.Event.Trim() }));
        trait.Cap = input.Cap;
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

        jobs.Enqueue<SegmentRefreshJob>(job => job.RunAsync(CancellationToken.None));
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

    private static Dictionary<string, string[]> Validate(ComputedTraitInput input, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        if (creating && (input.Key is null || !KeyPattern().IsMatch(input.Key)))
        {
            errors["key"] = ["The key is 1 to 64 lower-case letters, digits and underscores, starting with a letter (e.g. intent_score)."];
        }

        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 100)
        {
            errors["name"] = ["Give the computed trait a name of 1 to 100 characters."];
        }

        if (input.WindowDays is not null and not (>= 1 and <= SegmentConditionValidator.MaxWindowDays))
        {
            errors["windowDays"] = [$"The window is 1 to {SegmentConditionValidator.MaxWindowDays} days."];
        }

        if (input.Rules is not { Count: > 0 and <= 50 })
        {
            errors["rules"] = ["Give 1 to 50 rules: an event and the points it is worth."];
        }
        else
        {
            for (var i = 0; i < input.Rules.Count; i++)
            {
                if (input.Rules[i] is not { Event: { } name } || string.IsNullOrWhiteSpace(name) || name.Length > 255)
                {
                    errors[$"rules[{i}].event"] = ["Name the event (1 to 255 characters), e.g. Pricing Viewed or page."];
                }
                else if (input.Rules.Take(i).Any(r => r?.Event?.Trim() == name.Trim()))
                {
                    errors[$"rules[{i}].event"] = [$"{name} is listed twice; give it one rule."];
                }
                else if (input.Rules[i].Points is < -1000 or > 1000)
                {
                    errors[$"rules[{i}].points"] = ["Points are -1,000 to 1,000."];
                }
            }
        }

        if (input.Cap is <= 0 or > 1_000_000)
        {
            errors["cap"] = ["The cap is a positive number up to 1,000,000, or empty for none."];
        }

        return errors;
    }

    private static string ComputedTraitSummary(ComputedTrait t) => $"{t.Name}: {t.Rules} over {t.WindowDays} days, cap {t.Cap?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}";

    private static ComputedTraitDto ToDto(ComputedTrait t) => new(t.Id, t.Key, t.Name, t.WindowDays, SegmentDefinitions.ParseRules(t.Rules), t.Cap, t.LastComputedAt);

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex KeyPattern();
}
