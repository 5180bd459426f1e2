using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Common.Records;
using CrmCdp.Web.Modules.Crm.Companies;
using CrmCdp.Web.Modules.Crm.Contacts;
using FluentValidation;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Tasks;

internal sealed record TaskFilter(Guid? OwnerId = null, CrmTaskStatus? Status = null, Guid? ContactId = null, Guid? CompanyId = null, DateTimeOffset? DueBefore = null, Guid? DealId = null);

/// <summary>Tasks are owned: the task permissions' scope says whose tasks a user sees and changes.</summary>
internal sealed class TaskService(
    IDbContextFactory<AppDbContext> dbFactory, IValidator<TaskInput> validator, UserDirectory users, RecordInputChecks checks, CrmRecordCommands records, TimeProvider timeProvider)
{
    private static CrmRecordKind<CrmTask> Kind => CrmRecordKinds.Tasks;

    public async Task<KeysetPage<TaskDto>> ListAsync(
        AccessContext access, TaskFilter filter, string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Filtered(db, access, filter);
        if (Guid.TryParse(cursor, out var after))
        {
            query = query.Where(t => t.Id.CompareTo(after) > 0);
        }

        var rows = await query.OrderBy(t => t.Id).Take(limit + 1).AsNoTracking().ToListAsync(cancellationToken);
        var page = rows.Take(limit).ToList();
        return new KeysetPage<TaskDto>(await ToDtosAsync(db, access, page, cancellationToken), rows.Count > limit ? page[^1].Id.ToString() : null);
    }

    /// <summary>Open tasks in due order (overdue first), for My day and the 360 page.</summary>
    public async Task<IReadOnlyList<TaskDto>> OpenAsync(AccessContext access, TaskFilter filter, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await Filtered(db, access, filter with { Status = CrmTaskStatus.Open })
            .OrderBy(t => t.DueAt).Take(limit).AsNoTracking().ToListAsync(cancellationToken);
        return await ToDtosAsync(db, access, rows, cancellationToken);
    }

    public async Task<int> CountOpenDueAsync(AccessContext access, DateTimeOffset dueBefore, CancellationToken cancellationToken = default)
    {
        if (access.UserId is not { } me)
        {
            return 0;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Filtered(db, access, new TaskFilter(OwnerId: me, Status: CrmTaskStatus.Open, DueBefore: dueBefore)).CountAsync(cancellationToken);
    }

    public async Task<OperationResult<TaskDto>> GetAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var task = await db.Set<CrmTask>().Within(access, P.TasksRead).AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        return task is null ? OperationResult<TaskDto>.NotFound() : OperationResult<TaskDto>.Ok((await ToDtosAsync(db, access, [task], cancellationToken))[0]);
    }

    public async Task<OperationResult<TaskDto>> CreateAsync(AccessContext access, TaskInput input, CancellationToken cancellationToken = default)
    {
        var ownerId = input.OwnerId ?? access.UserId;
        var created = await records.CreateAsync(Kind, access, P.TasksCreate, "Your role cannot create tasks.", async (db, now) =>
        {
            var errors = await CheckAsync(db, access, input, ownerId, P.TasksCreate, cancellationToken);
            if (errors.Count > 0)
            {
                return (null, errors);
            }

            var task = new CrmTask { Id = Guid.CreateVersion7(), CreatedAt = now };
            Apply(task, input, ownerId, now);
            return (task, null);
        }, cancellationToken);
        return created.Value is { } id && id != Guid.Empty ? await GetAsync(access, id, cancellationToken) : created.As<TaskDto>();
    }

    public async Task<OperationResult<TaskDto>> UpdateAsync(AccessContext access, Guid id, TaskInput input, CancellationToken cancellationToken = default)
    {
        var edited = await records.EditAsync(Kind, access, id, input.Version, async (db, task, now) =>
        {
            var ownerId = input.OwnerId ?? task.OwnerId;
            var errors = await CheckAsync(db, access, input, ownerId, P.TasksEdit, cancellationToken);
            if (errors.Count == 0)
            {
                Apply(task, input, ownerId, now);
            }

            return errors;
        }, cancellationToken);
        return edited.Value ? await GetAsync(access, id, cancellationToken) : edited.As<TaskDto>();
    }

    /// <summary>Marks a task done (or open again).</summary>
    public async Task<OperationResult<TaskDto>> SetDoneAsync(AccessContext access, Guid id, bool done, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await CrmRecordCommands.FindForChangeAsync(db, Kind, access, id, P.TasksEdit, "change", cancellationToken);
        if (found.Value is not { } task)
        {
            return found.As<TaskDto>();
        }

        var now = timeProvider.GetUtcNow();
        task.Status = done ? CrmTaskStatus.Done : CrmTaskStatus.Open;
        task.CompletedAt = done ? now : null;
        task.UpdatedAt = now;
        return await SaveAsync(db, access, id, cancellationToken);
    }

    public Task<OperationResult<bool>> DeleteAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default) =>
        records.DeleteAsync(Kind, access, id, cancellationToken);

    private async Task<OperationResult<TaskDto>> SaveAsync(AppDbContext db, AccessContext access, Guid id, CancellationToken cancellationToken)
    {
        var saved = await CrmRecordCommands.SaveAsync(db, Kind, cancellationToken);
        return saved.Value ? await GetAsync(access, id, cancellationToken) : saved.As<TaskDto>();
    }

    private static IQueryable<CrmTask> Filtered(AppDbContext db, AccessContext access, TaskFilter filter)
    {
        var query = db.Set<CrmTask>().Within(access, P.TasksRead);
        if (filter.OwnerId is { } owner)
        {
            query = query.Where(t => t.OwnerId == owner);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(t => t.Status == status);
        }

        if (filter.DealId is { } deal)
        {
            query = query.Where(t => t.DealId == deal);
        }

        if (filter.ContactId is { } contact)
        {
            query = query.Where(t => t.ContactId == contact);
        }

        if (filter.CompanyId is { } company)
        {
            query = query.Where(t => t.CompanyId == company);
        }

        if (filter.DueBefore is { } dueBefore)
        {
            query = query.Where(t => t.DueAt < dueBefore);
        }

        return query;
    }

    private async Task<Dictionary<string, string[]>> CheckAsync(
        AppDbContext db, AccessContext access, TaskInput input, Guid? ownerId, string permission, CancellationToken cancellationToken)
    {
        var errors = await checks.CheckAsync(validator, input, access, new RecordOwner(ownerId, permission, "tasks"), cancellationToken);
        await RecordLinks.AddProblemsAsync(errors, db, access, input.ContactId, input.CompanyId, cancellationToken, input.DealId);

        return errors;
    }

    private static void Apply(CrmTask task, TaskInput input, Guid? ownerId, DateTimeOffset now)
    {
        task.Title = input.Title?.Trim() ?? "";
        task.Type = CrmEnumNames.Parse<CrmTaskType>(input.Type) ?? CrmTaskType.ToDo;
        task.DueAt = (input.DueAt ?? now).ToUniversalTime();
        task.Priority = CrmEnumNames.Parse<CrmTaskPriority>(input.Priority) ?? CrmTaskPriority.Normal;
        task.ContactId = input.ContactId;
        task.CompanyId = input.CompanyId;
        task.DealId = input.DealId;
        task.OwnerId = ownerId;
        var reminder = input.ReminderAt?.ToUniversalTime();
        if (reminder != task.ReminderAt)
        {
            task.ReminderSentAt = null;
        }

        task.ReminderAt = reminder;
        task.Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
        task.UpdatedAt = now;
    }

    /// <summary>Task rows with the names of their contact and company, named only where the caller may read them.</summary>
    private async Task<IReadOnlyList<TaskDto>> ToDtosAsync(AppDbContext db, AccessContext access, List<CrmTask> tasks, CancellationToken cancellationToken)
    {
        var contactIds = tasks.Select(t => t.ContactId).OfType<Guid>().Distinct().ToList();
        var companyIds = tasks.Select(t => t.CompanyId).OfType<Guid>().Distinct().ToList();
        var contactQuery = db.Set<Contact>().Within(access, P.ContactsRead);
        var companyQuery = db.Set<Company>().Within(access, P.CompaniesRead);
        var contacts = await contactQuery.Where(c => contactIds.Contains(c.Id))
            .Select(c => new { c.Id, c.FirstName, c.LastName }).ToDictionaryAsync(c => c.Id, c => access.DisplayName(c.FirstName, c.LastName), cancellationToken);
        var companies = await companyQuery.Where(c => companyIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var names = await users.NamesAsync(tasks.Select(t => t.OwnerId), cancellationToken);
        var now = timeProvider.GetUtcNow();
        return [.. tasks.Select(t => new TaskDto(
            t.Id, t.Title, CrmEnumNames.Wire(t.Type), t.DueAt, CrmEnumNames.Wire(t.Priority), CrmEnumNames.Wire(t.Status),
            t.OwnerId, t.OwnerId is { } owner ? names.GetValueOrDefault(owner) : null,
            t.ContactId, t.ContactId is { } contact ? contacts.GetValueOrDefault(contact) : null,
            t.CompanyId, t.CompanyId is { } company ? companies.GetValueOrDefault(company) : null,
            t.ReminderAt, t.Notes, t.CompletedAt, t.IsOverdueAt(now), t.CreatedAt, t.UpdatedAt, t.Version, t.DealId))];
    }
}
