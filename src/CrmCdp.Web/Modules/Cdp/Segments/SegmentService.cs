using CrmCdp.Web.Platform.Audit;
using Hangfire;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>Segments: create, edit, delete (each audited), validated as a whole tree; a saved segment is refreshed at once in the background.</summary>
internal sealed class SegmentService(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, IBackgroundJobClient jobs, TimeProvider timeProvider)
{
    public const string DefaultTaskTitle = "Call {name}: entered {segment}";

    public async Task<IReadOnlyList<SegmentDto>> ListAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.SegmentsRead))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var segments = await db.Set<Segment>().AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var names = segments.ToDictionary(s => s.Id, s => s.Name);
        return [.. segments.Select(s => ToDto(s, names))];
    }

    public async Task<OperationResult<SegmentDto>> GetAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.SegmentsRead))
        {
            return OperationResult<SegmentDto>.Forbidden("Your role cannot see segments.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var segment = await db.Set<Segment>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return segment is null ? OperationResult<SegmentDto>.NotFound() : OperationResult<SegmentDto>.Ok(ToDto(segment, await NamesAsync(db, cancellationToken)));
    }

    /// <summary>A copy of the segment named "Copy of …" (numbered when taken), activation off, refreshed at once.</summary>
    public async Task<OperationResult<SegmentDto>> DuplicateAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        var original = await GetAsync(access, id, cancellationToken);
        if (original.Value is not { } source)
        {
            return original;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var taken = (await NamesAsync(db, cancellationToken)).Values.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var stem = $"Copy of {source.Name}"[..Math.Min(92, source.Name.Length + 8)];
        var name = Enumerable.Range(1, 1000).Select(n => n == 1 ? stem : $"{stem} ({n})").First(n => !taken.Contains(n));
        return await CreateAsync(access, new SegmentInput
        {
            Name = name,
            Description = source.Description,
            Definition = source.Definition,
            ConsentCategory = source.ConsentCategory,
            TaskTitle = source.TaskTitle,
            TaskDueInDays = source.TaskDueInDays,
        }, cancellationToken);
    }

    private static async Task<Dictionary<Guid, string>> NamesAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await db.Set<Segment>().AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);

    public const string ActivationRefused = "Turning activation into CRM tasks on or off, or changing its task, needs the permission to manage activations.";

    public async Task<OperationResult<SegmentDto>> CreateAsync(AccessContext access, SegmentInput input, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.SegmentsManage))
        {
            return OperationResult<SegmentDto>.Forbidden("Your role cannot change segments.");
        }

        if (input.ActivationEnabled && !access.Has(Permissions.Cdp.ActivationsManage))
        {
            return OperationResult<SegmentDto>.Forbidden(ActivationRefused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var segment = new Segment { Id = Guid.CreateVersion7(), CreatedAt = now };
        var errors = await ValidateAsync(db, input, segment.Id, cancellationToken);
        if (errors.Count > 0)
        {
            return OperationResult<SegmentDto>.Invalid(errors);
        }

        var entry = AuditActor.For(access, AuditActions.SegmentCreated);
        segment.CreatedByUserId = entry.UserId;
        Apply(segment, input, now);
        db.Add(segment);
        (entry.RecordType, entry.RecordId, entry.After, entry.Summary) =
            ("segment", segment.Id.ToString(), segment.Definition, $"Created segment {segment.Name}{(segment.ActivationEnabled ? ", activated into CRM tasks" : "")}");
        audit.Add(db, entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return OperationResult<SegmentDto>.Conflict($"A segment named {segment.Name} was created a moment ago; pick another name.");
        }

        jobs.Enqueue<SegmentRefreshJob>(job => job.RefreshOneAsync(segment.Id, CancellationToken.None));
        return OperationResult<SegmentDto>.Ok(ToDto(segment, await NamesAsync(db, cancellationToken)));
    }

    public async Task<OperationResult<SegmentDto>> UpdateAsync(AccessContext access, Guid id, SegmentInput input, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.SegmentsManage))
        {
            return OperationResult<SegmentDto>.Forbidden("Your role cannot change segments.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var segment = await db.Set<Segment>().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (segment is null)
        {
            return OperationResult<SegmentDto>.NotFound();
        }

        if (input.Version is null)
        {
            return OperationResult<SegmentDto>.Invalid("version", "Send the version you read, so that a concurrent edit is not overwritten.");
        }

        if (input.Version != segment.Version)
        {
            return OperationResult<SegmentDto>.Conflict("Someone else changed this segment since you opened it. Reload it and make your change again.");
        }

        if (segment.IsStatic)
        {
            // A fixed list keeps its people: only its name, description and uses change.
            input.Definition = SegmentDefinitions.Parse(segment.Definition);
        }

        var errors = await ValidateAsync(db, input, id, cancellationToken, segment.IsStatic);
        if (errors.Count > 0)
        {
            return OperationResult<SegmentDto>.Invalid(errors);
        }

        if (!access.Has(Permissions.Cdp.ActivationsManage) && (input.ActivationEnabled != segment.ActivationEnabled || TaskTitleOf(input) != segment.TaskTitle || (input.TaskDueInDays ?? 1) != segment.TaskDueInDays))
        {
            return OperationResult<SegmentDto>.Forbidden(ActivationRefused);
        }

        var before = (segment.Name, segment.Definition, segment.ConsentCategory, segment.ActivationEnabled, segment.TaskTitle, segment.TaskDueInDays);
        Apply(segment, input, timeProvider.GetUtcNow());
        var entry = AuditActor.For(access, AuditActions.SegmentUpdated);
        (entry.RecordType, entry.RecordId, entry.Before, entry.After) = ("segment", id.ToString(), before.Definition, segment.Definition);
        entry.Summary = $"Changed segment {segment.Name}: " + string.Join(", ", new[]
        {
            before.Name != segment.Name ? $"renamed from {before.Name}" : null,
            before.Definition != segment.Definition ? "conditions" : null,
            before.ConsentCategory != segment.ConsentCategory ? $"consent category {before.ConsentCategory ?? "none"} → {segment.ConsentCategory ?? "none"}" : null,
            before.TaskTitle != segment.TaskTitle || before.TaskDueInDays != segment.TaskDueInDays ? "task settings" : null,
        }.OfType<string>().DefaultIfEmpty("description"));
        audit.Add(db, entry);
        if (before.ActivationEnabled != segment.ActivationEnabled)
        {
            var activation = AuditActor.For(access, AuditActions.SegmentActivationChanged);
            (activation.RecordType, activation.RecordId, activation.Field, activation.Before, activation.After, activation.Summary) =
                ("segment", id.ToString(), "activationEnabled", before.ActivationEnabled ? "true" : "false", segment.ActivationEnabled ? "true" : "false",
                 segment.ActivationEnabled ? $"Turned on CRM task activation for {segment.Name}" : $"Turned off CRM task activation for {segment.Name}");
            audit.Add(db, activation);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return OperationResult<SegmentDto>.Conflict("Someone else changed this segment since you opened it. Reload it and make your change again.");
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return OperationResult<SegmentDto>.Conflict($"A segment named {segment.Name} was created a moment ago; pick another name.");
        }

        jobs.Enqueue<SegmentRefreshJob>(job => job.RefreshOneAsync(segment.Id, CancellationToken.None));
        return OperationResult<SegmentDto>.Ok(ToDto(segment, await NamesAsync(db, cancellationToken)));
    }

    public async Task<OperationResult<bool>> DeleteAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.SegmentsManage))
        {
            return OperationResult<bool>.Forbidden("Your role cannot change segments.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var segment = await db.Set<Segment>().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (segment is null)
        {
            return OperationResult<bool>.NotFound();
        }

        var dependents = (await db.Set<Segment>().Where(s => s.Id != id).Select(s => new { s.Name, s.Definition }).ToListAsync(cancellationToken))
            .Where(s => SegmentDefinitions.ReferencedSegments(SegmentDefinitions.Parse(s.Definition)).Contains(id)).Select(s => s.Name).ToList();
        if (dependents.Count > 0)
        {
            return OperationResult<bool>.Conflict($"{string.Join(", ", dependents)} use this segment in their conditions; change them first.");
        }

        db.Remove(segment);
        var entry = AuditActor.For(access, AuditActions.SegmentDeleted);
        (entry.RecordType, entry.RecordId, entry.Before, entry.Summary) =
            ("segment", id.ToString(), segment.Definition, $"Deleted segment {segment.Name} ({segment.MemberCount} members)");
        audit.Add(db, entry);
        // Under the segments' lock: evaluation and activation never write rows of a segment deleted under them.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SegmentRefresher.RefreshLock})", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return OperationResult<bool>.Ok(true);
    }

    private static string TaskTitleOf(SegmentInput input) => string.IsNullOrWhiteSpace(input.TaskTitle) ? DefaultTaskTitle : input.TaskTitle.Trim();

    private static void Apply(Segment segment, SegmentInput input, DateTimeOffset now)
    {
        segment.Name = input.Name!.Trim();
        segment.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        segment.Definition = SegmentDefinitions.Serialize(input.Definition!);
        segment.ConsentCategory = string.IsNullOrWhiteSpace(input.ConsentCategory) ? null : input.ConsentCategory.Trim();
        if (input.ActivationEnabled && !segment.ActivationEnabled)
        {
            segment.ActivationEnabledAt = now;
        }

        segment.ActivationEnabled = input.ActivationEnabled;
        segment.TaskTitle = TaskTitleOf(input);
        segment.TaskDueInDays = input.TaskDueInDays ?? 1;
        segment.UpdatedAt = now;
        segment.Version++;
    }

    private static async Task<Dictionary<string, string[]>> ValidateAsync(AppDbContext db, SegmentInput input, Guid id, CancellationToken cancellationToken, bool isStatic = false)
    {
        var others = await db.Set<Segment>().Where(s => s.Id != id).Select(s => new { s.Id, s.Name, s.Definition }).ToListAsync(cancellationToken);
        var computed = await db.Set<ComputedTrait>().Select(t => t.Key).ToListAsync(cancellationToken);
        var errors = isStatic ? [] : SegmentConditionValidator.Validate(input.Definition, "definition", computed.ToHashSet(StringComparer.Ordinal), others.Select(s => s.Id).ToHashSet());
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            errors["name"] = ["Give the segment a name of 1 to 100 characters."];
        }
        else if (others.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            errors["name"] = [$"A segment named {name} exists already."];
        }

        if (input.Description is { Length: > 1000 })
        {
            errors["description"] = ["Keep the description under 1,000 characters."];
        }

        if (input.ConsentCategory is { } category && (category.Trim().Length > 100 || category.Any(char.IsControl)))
        {
            errors["consentCategory"] = ["The consent category is a name of up to 100 characters, e.g. Advertising, email or sms."];
        }

        if (input.TaskTitle is { Length: > 200 })
        {
            errors["taskTitle"] = ["Keep the task title under 200 characters."];
        }

        if (input.TaskDueInDays is not null and not (>= 0 and <= 30))
        {
            errors["taskDueInDays"] = ["Tasks are due 0 to 30 days after the entry."];
        }

        if (errors.Count == 0 && input.Definition is not null && RefersBack(id, input.Definition, others.ToDictionary(s => s.Id, s => s.Definition)))
        {
            errors["definition"] = ["The conditions refer, through other segments, back to this segment."];
        }

        return errors;
    }

    private static bool RefersBack(Guid id, SegmentCondition definition, Dictionary<Guid, string> definitions)
    {
        var seen = new HashSet<Guid>();
        var pending = new Stack<Guid>(SegmentDefinitions.ReferencedSegments(definition));
        while (pending.TryPop(out var next))
        {
            if (next == id)
            {
                return true;
            }

            if (seen.Add(next) && definitions.TryGetValue(next, out var json))
            {
                foreach (var reference in SegmentDefinitions.ReferencedSegments(SegmentDefinitions.Parse(json)))
                {
                    pending.Push(reference);
                }
            }
        }

        return false;
    }

    public static SegmentDto ToDto(Segment s, IReadOnlyDictionary<Guid, string> segmentNames)
    {
        var definition = SegmentDefinitions.Parse(s.Definition);
        return new SegmentDto(
            s.Id, s.Name, s.Description, definition, s.ConsentCategory, s.ActivationEnabled, s.ActivationEnabledAt, s.TaskTitle, s.TaskDueInDays,
            s.MemberCount, s.LastComputedAt, s.CreatedAt, s.UpdatedAt, s.Version)
        { Summary = s.IsStatic ? "A fixed list of people" : SegmentSummary.Describe(definition, segmentNames), IsStatic = s.IsStatic };
    }
}
