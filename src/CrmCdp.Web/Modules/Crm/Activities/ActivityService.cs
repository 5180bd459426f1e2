using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Platform.Auth;
using CrmCdp.Web.Platform.Data;
using CrmCdp.Web.Platform.Validation;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Activities;

/// <summary>
/// Notes, calls, emails and meetings. An activity is visible to whoever may read its contact or
/// company, and to its author; editing and deleting follow the activity permissions' scope.
/// </summary>
internal sealed class ActivityService(
    IDbContextFactory<AppDbContext> dbFactory, IValidator<ActivityInput> validator, UserDirectory users, TimeProvider timeProvider)
{
    public async Task<KeysetPage<ActivityDto>> ListAsync(
        AccessContext access, Guid? contactId, Guid? companyId, string? type, string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Visible(db, access);
        if (contactId is { } contact)
        {
            query = query.Where(a => a.ContactId == contact);
        }

        if (companyId is { } company)
        {
            query = query.Where(a => a.CompanyId == company);
        }

        if (CrmEnumNames.Parse<ActivityType>(type) is { } activityType)
        {
            query = query.Where(a => a.Type == activityType);
        }

        if (Guid.TryParse(cursor, out var after))
        {
            query = query.Where(a => a.Id.CompareTo(after) > 0);
        }

        var rows = await query.OrderBy(a => a.Id).Take(limit + 1).AsNoTracking().ToListAsync(cancellationToken);
        var page = rows.Take(limit).ToList();
        return new KeysetPage<ActivityDto>(await ToDtosAsync(page, cancellationToken), rows.Count > limit ? page[^1].Id.ToString() : null);
    }

    public async Task<OperationResult<ActivityDto>> GetAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var activity = await Visible(db, access).AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return activity is null ? OperationResult<ActivityDto>.NotFound() : OperationResult<ActivityDto>.Ok((await ToDtosAsync([activity], cancellationToken))[0]);
    }

    public async Task<OperationResult<ActivityDto>> CreateAsync(AccessContext access, ActivityInput input, CancellationToken cancellationToken = default)
    {
        if (!access.Has(P.ActivitiesCreate))
        {
            return OperationResult<ActivityDto>.Forbidden("Your role cannot log activities.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var errors = await CheckAsync(db, access, input, cancellationToken);
        if (errors.Count > 0)
        {
            return OperationResult<ActivityDto>.Invalid(errors);
        }

        var now = timeProvider.GetUtcNow();
        var activity = new Activity { Id = Guid.CreateVersion7(), CreatedAt = now, OwnerId = access.UserId };
        Apply(activity, input, now);
        db.Add(activity);
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(access, activity.Id, cancellationToken);
    }

    public async Task<OperationResult<ActivityDto>> UpdateAsync(AccessContext access, Guid id, ActivityInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var activity = await Visible(db, access).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (activity is null)
        {
            return OperationResult<ActivityDto>.NotFound();
        }

        if (!access.Allows(P.ActivitiesEdit, activity.OwnerId))
        {
            return OperationResult<ActivityDto>.Forbidden("You can view this activity but not edit it.");
        }

        if (input.Version is null)
        {
            return OperationResult<ActivityDto>.Invalid("version", "Send the version you read, so that a concurrent edit is not overwritten.");
        }

        var errors = await CheckAsync(db, access, input, cancellationToken);
        if (errors.Count > 0)
        {
            return OperationResult<ActivityDto>.Invalid(errors);
        }

        db.Entry(activity).Property(a => a.Version).OriginalValue = input.Version.Value;
        Apply(activity, input, activity.OccurredAt);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return OperationResult<ActivityDto>.Conflict("Someone else changed this activity after you opened it. Reload and edit again.");
        }

        return await GetAsync(access, id, cancellationToken);
    }

    public async Task<OperationResult<bool>> DeleteAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var activity = await Visible(db, access).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (activity is null)
        {
            return OperationResult<bool>.NotFound();
        }

        if (!access.Allows(P.ActivitiesDelete, activity.OwnerId))
        {
            return OperationResult<bool>.Forbidden("You can view this activity but not delete it.");
        }

        activity.DeletedAt = timeProvider.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<bool>.Ok(true);
    }

    private static IQueryable<Activity> Visible(AppDbContext db, AccessContext access)
    {
        var (contacts, companies) = RecordLinks.Visible(db, access);
        var ownScope = db.Set<Activity>().Within(access, P.ActivitiesRead).Select(a => a.Id);
        var deals = db.Set<Pipeline.Deal>().Within(access, P.DealsRead).Select(d => d.Id);
        return db.Set<Activity>().Where(a =>
            (a.DealId != null && deals.Contains(a.DealId.Value))
            || (a.ContactId != null && contacts.Contains(a.ContactId.Value))
            || (a.CompanyId != null && companies.Contains(a.CompanyId.Value))
            || ownScope.Contains(a.Id));
    }

    private async Task<Dictionary<string, string[]>> CheckAsync(AppDbContext db, AccessContext access, ActivityInput input, CancellationToken cancellationToken)
    {
        var errors = ValidationErrors.ByField(await validator.ValidateAsync(input, cancellationToken));
        foreach (var (field, messages) in await RecordLinks.CheckAsync(db, access, input.ContactId, input.CompanyId, cancellationToken, input.DealId))
        {
            errors.TryAdd(field, messages);
        }

        return errors;
    }

    private static void Apply(Activity activity, ActivityInput input, DateTimeOffset defaultTime)
    {
        activity.Type = CrmEnumNames.Parse<ActivityType>(input.Type) ?? activity.Type;
        activity.ContactId = input.ContactId;
        activity.CompanyId = input.CompanyId;
        activity.DealId = input.DealId;
        activity.Subject = string.IsNullOrWhiteSpace(input.Subject) ? null : input.Subject.Trim();
        activity.Body = input.Body?.Trim() ?? "";
        activity.OccurredAt = (input.OccurredAt ?? defaultTime).ToUniversalTime();
        activity.CallOutcome = activity.Type == ActivityType.Call ? CrmEnumNames.Parse<CallOutcome>(input.CallOutcome) : null;
        activity.DurationMinutes = input.DurationMinutes;
        activity.EndsAt = activity.Type == ActivityType.Meeting ? input.EndsAt?.ToUniversalTime() : null;
        activity.Attendees = [.. (input.Attendees ?? []).OfType<string>().Select(a => a.Trim()).Where(a => a.Length > 0)];
    }

    private async Task<IReadOnlyList<ActivityDto>> ToDtosAsync(List<Activity> activities, CancellationToken cancellationToken)
    {
        var names = await users.NamesAsync(activities.Select(a => a.OwnerId), cancellationToken);
        return [.. activities.Select(a => new ActivityDto(
            a.Id, CrmEnumNames.Wire(a.Type), a.ContactId, a.CompanyId, a.Subject, a.Body, a.OccurredAt,
            a.CallOutcome is { } outcome ? CrmEnumNames.Wire(outcome) : null, a.DurationMinutes, a.EndsAt, a.Attendees,
            a.OwnerId, a.OwnerId is { } owner ? names.GetValueOrDefault(owner) : null, a.CreatedAt, a.Version, a.DealId))];
    }
}
