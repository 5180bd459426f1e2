using System.Text.Json;
using CrmCdp.Web.Platform.Audit;
using Json.Schema;
using Microsoft.Extensions.Caching.Memory;

namespace CrmCdp.Web.Modules.Cdp.TrackingPlans;

public sealed class TrackingPlanRuleInput
{
    /// <summary>track (default) or identify.</summary>
    public string? Kind { get; set; }

    /// <summary>The track event's name (track rules only).</summary>
    public string? Event { get; set; }

    /// <summary>A JSON Schema of the event's properties (identify: traits); empty means any object.</summary>
    public JsonElement? Schema { get; set; }
}

public sealed class TrackingPlanInput
{
    /// <summary>flag, drop_unplanned_properties or block.</summary>
    public string? Mode { get; set; }

    public List<TrackingPlanRuleInput>? Rules { get; set; }
}

public sealed record TrackingPlanRuleDto(string Kind, string? Event, JsonElement Schema);

public sealed record TrackingPlanDto(Guid SourceId, string Mode, IReadOnlyList<TrackingPlanRuleDto> Rules, DateTimeOffset? UpdatedAt);

public sealed record ViolationCountDto(string Rule, long Violations, long Blocked, DateTimeOffset LastSeenAt);

/// <summary>Reads and saves tracking plans (validated, audited) and hands ingestion each source's compiled plan.</summary>
internal sealed class TrackingPlanService(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, IMemoryCache cache, TimeProvider timeProvider)
{
    public const int MaxRules = 500;
    private static readonly TimeSpan PlanCacheLifetime = TimeSpan.FromSeconds(10);
    private long _generation;

    public async Task<OperationResult<TrackingPlanDto>> GetAsync(AccessContext access, Guid sourceId, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.SourcesManage))
        {
            return OperationResult<TrackingPlanDto>.Forbidden("Your role cannot manage sources.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<Sources.Source>().AnyAsync(s => s.Id == sourceId, cancellationToken))
        {
            return OperationResult<TrackingPlanDto>.NotFound();
        }

        var plan = await db.Set<TrackingPlan>().AsNoTracking().SingleOrDefaultAsync(p => p.SourceId == sourceId, cancellationToken);
        return OperationResult<TrackingPlanDto>.Ok(plan is null ? new TrackingPlanDto(sourceId, TrackingPlanModes.Flag, [], null) : ToDto(plan));
    }

    public async Task<OperationResult<TrackingPlanDto>> SaveAsync(AccessContext access, Guid sourceId, TrackingPlanInput input, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.SourcesManage))
        {
            return OperationResult<TrackingPlanDto>.Forbidden("Your role cannot manage sources.");
        }

        var (plan, errors) = Validate(input);
        if (errors.Count > 0)
        {
            return OperationResult<TrackingPlanDto>.Invalid(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var source = await db.Set<Sources.Source>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == sourceId, cancellationToken);
        if (source is null)
        {
            return OperationResult<TrackingPlanDto>.NotFound();
        }

        var entry = AuditActor.For(access, AuditActions.TrackingPlanChanged);
        var stored = await db.Set<TrackingPlan>().SingleOrDefaultAsync(p => p.SourceId == sourceId, cancellationToken);
        if (stored is null)
        {
            stored = new TrackingPlan { SourceId = sourceId };
            db.Add(stored);
        }

        (stored.Mode, stored.Rules, stored.UpdatedAt, stored.UpdatedByUserId) = (plan.Mode, plan.Rules, timeProvider.GetUtcNow(), entry.UserId);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("source", sourceId.ToString(), $"Saved the tracking plan of {source.Name}: {plan.Mode}, {plan.Rules.Count} rules");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        Interlocked.Increment(ref _generation);
        return OperationResult<TrackingPlanDto>.Ok(ToDto(stored));
    }

    public async Task<OperationResult<TrackingPlanDto>> DeleteAsync(AccessContext access, Guid sourceId, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.SourcesManage))
        {
            return OperationResult<TrackingPlanDto>.Forbidden("Your role cannot manage sources.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.Set<TrackingPlan>().SingleOrDefaultAsync(p => p.SourceId == sourceId, cancellationToken);
        if (stored is null)
        {
            return OperationResult<TrackingPlanDto>.NotFound();
        }

        db.Remove(stored);
        var entry = AuditActor.For(access, AuditActions.TrackingPlanChanged);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("source", sourceId.ToString(), "Removed the tracking plan");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        Interlocked.Increment(ref _generation);
        return OperationResult<TrackingPlanDto>.Ok(new TrackingPlanDto(sourceId, TrackingPlanModes.Flag, [], null));
    }

    public async Task<IReadOnlyList<ViolationCountDto>> ViolationCountsAsync(AccessContext access, Guid sourceId, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.SourcesManage))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<TrackingPlanViolationCount>().AsNoTracking().Where(c => c.SourceId == sourceId)
            .OrderByDescending(c => c.Violations + c.Blocked).ThenBy(c => c.Rule)
            .Select(c => new ViolationCountDto(c.Rule, c.Violations, c.Blocked, c.LastSeenAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The compiled plan ingestion applies to a source's events; null when the source has none. Cached briefly; any save resets it.</summary>
    [SystemAccess("The collection API applies a source's plan to the events it receives.")]
    public async Task<CompiledTrackingPlan?> CompiledForAsync(Guid sourceId, CancellationToken cancellationToken = default)
    {
        var cacheKey = $"tracking-plan:{Interlocked.Read(ref _generation)}:{sourceId}";
        if (cache.TryGetValue(cacheKey, out CompiledTrackingPlan? cached))
        {
            return cached;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plan = await db.Set<TrackingPlan>().AsNoTracking().SingleOrDefaultAsync(p => p.SourceId == sourceId, cancellationToken);
        var compiled = plan is null ? null : CompiledTrackingPlan.Compile(plan);
        cache.Set(cacheKey, compiled, PlanCacheLifetime);
        return compiled;
    }

    private static (TrackingPlan Plan, Dictionary<string, string[]> Errors) Validate(TrackingPlanInput input)
    {
        var errors = new Dictionary<string, string[]>();
        var mode = (input.Mode ?? TrackingPlanModes.Flag).Trim().ToLowerInvariant();
        if (!TrackingPlanModes.All.Contains(mode))
        {
            errors["mode"] = [$"The mode must be one of: {string.Join(", ", TrackingPlanModes.All)}."];
        }

        var rules = input.Rules ?? [];
        if (rules.Count > MaxRules)
        {
            errors["rules"] = [$"A plan holds at most {MaxRules} rules."];
        }

        var plan = new TrackingPlan { Mode = mode };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(rules.Count, MaxRules); i++)
        {
            var rule = rules[i];
            var kind = (rule?.Kind ?? TrackingPlanRuleKinds.Track).Trim().ToLowerInvariant();
            var name = rule?.Event?.Trim();
            if (kind is not (TrackingPlanRuleKinds.Track or TrackingPlanRuleKinds.Identify))
            {
                errors[$"rules[{i}].kind"] = ["The kind must be track or identify."];
                continue;
            }

            if (kind == TrackingPlanRuleKinds.Track && (string.IsNullOrEmpty(name) || name.Length > 255))
            {
                errors[$"rules[{i}].event"] = ["A track rule needs the event's name (at most 255 characters)."];
                continue;
            }

            var key = kind == TrackingPlanRuleKinds.Identify ? "\0identify" : name!;
            if (!seen.Add(key))
            {
                errors[$"rules[{i}].event"] = [kind == TrackingPlanRuleKinds.Identify ? "The plan already has an identify rule." : $"\"{name}\" is planned twice."];
                continue;
            }

            var schemaText = rule?.Schema is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } schema ? schema.GetRawText() : "{}";
            if (SchemaProblem(schemaText) is { } problem)
            {
                errors[$"rules[{i}].schema"] = [problem];
                continue;
            }

            plan.Rules.Add(new TrackingPlanRule { Kind = kind, Event = kind == TrackingPlanRuleKinds.Track ? name : null, Schema = schemaText });
        }

        return (plan, errors);
    }

    private static string? SchemaProblem(string schemaText)
    {
        try
        {
            using var document = JsonDocument.Parse(schemaText);
            if (document.RootElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
            {
                return "The schema must be a JSON Schema object.";
            }

            _ = JsonSchema.FromText(schemaText, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
            return null;
        }
        catch (JsonException ex)
        {
            return $"The schema is not valid JSON: {ex.Message}";
        }
        catch (JsonSchemaException ex)
        {
            return $"The schema is not a valid JSON Schema: {ex.Message}";
        }
#pragma warning disable CA1031 // Any other failure to build a user's schema is that schema's problem, reported as a validation message.
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or KeyNotFoundException or NotSupportedException)
#pragma warning restore CA1031
        {
            return $"The schema is not a valid JSON Schema: {ex.Message}";
        }
    }

    private static TrackingPlanDto ToDto(TrackingPlan plan) => new(
        plan.SourceId, plan.Mode,
        [.. plan.Rules.Select(r => new TrackingPlanRuleDto(r.Kind, r.Event, JsonSerializer.Deserialize<JsonElement>(r.Schema)))],
        plan.UpdatedAt);
}
