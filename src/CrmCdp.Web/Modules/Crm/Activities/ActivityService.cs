using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Common.Records;
using CrmCdp.Web.Platform.Validation;
using FluentValidation;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.Activities;

/// <summary>
/// Notes, calls, emails and meetings. An activity is visible to whoever may read its contact or
/// company, and to its author; editing and deleting follow the activity permissions' scope.
/// </summary>
internal sealed class ActivityService(
    IDbContextFactory<AppDbContext> dbFactory, IValidator<ActivityInput> validator, UserDirectory users, CrmRecordCommands records, MentionNotices mentions,
    MeetingInvitations invitations)
{
    private static CrmRecordKind<Activity> Kind => CrmRecordKinds.Activities;

    public async Task<KeysetPage<ActivityDto>> ListAsync(
        AccessContext access, Guid? contactId, Guid? companyId, string? type, string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Kind.Readable(db, access);
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
        var activity = await Kind.Readable(db, access).AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return activity is null ? OperationResult<ActivityDto>.NotFound() : OperationResult<ActivityDto>.Ok((await ToDtosAsync([activity], cancellationToken))[0]);
    }

    public async Task<OperationResult<ActivityDto>> CreateAsync(AccessContext access, ActivityInput input, CancellationToken cancellationToken = default)
    {
        var created = await records.CreateAsync(Kind, access, P.ActivitiesCreate, "Your role cannot log activities.", async (db, now) =>
        {
            var errors = await CheckAsync(db, access, input, cancellationToken);
            if (errors.Count > 0)
            {
                return (null, errors);
            }

            var activity = new Activity { Id = Guid.CreateVersion7(), CreatedAt = now, OwnerId = access.UserId };
            Apply(activity, input, now);
            await mentions.TellAsync(db, access, activity, cancellationToken);
            if (input.SendInvitation == true)
            {
                await invitations.QueueAsync(db, access, activity, cancellationToken);
            }

            return (activity, null);
        }, cancellationToken);
        if (input.SendInvitation == true && created.Value is { } saved && saved != Guid.Empty)
        {
            invitations.Wake();
        }

        return created.Value is { } id && id != Guid.Empty ? await GetAsync(access, id, cancellationToken) : created.As<ActivityDto>();
    }

    public async Task<OperationResult<ActivityDto>> UpdateAsync(AccessContext access, Guid id, ActivityInput input, CancellationToken cancellationToken = default)
    {
        var edited = await records.EditAsync(Kind, access, id, input.Version, async (db, activity, _) =>
        {
            var errors = await CheckAsync(db, access, input, cancellationToken);
            if (errors.Count == 0)
            {
                Apply(activity, input, activity.OccurredAt);
            }

            return errors;
        }, cancellationToken);
        return edited.Value ? await GetAsync(access, id, cancellationToken) : edited.As<ActivityDto>();
    }

    public Task<OperationResult<bool>> DeleteAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default) =>
        records.DeleteAsync(Kind, access, id, cancellationToken);

    private async Task<Dictionary<string, string[]>> CheckAsync(AppDbContext db, AccessContext access, ActivityInput input, CancellationToken cancellationToken)
    {
        var errors = ValidationErrors.ByField(await validator.ValidateAsync(input, cancellationToken));
        await RecordLinks.AddProblemsAsync(errors, db, access, input.ContactId, input.CompanyId, cancellationToken, input.DealId);
        if (input.SendInvitation == true)
        {
            if (CrmEnumNames.Parse<ActivityType>(input.Type) != ActivityType.Meeting)
            {
                errors["sendInvitation"] = ["Only a meeting sends an invitation."];
            }
            else if (!access.Has(P.EmailsSend))
            {
                errors["sendInvitation"] = ["Your role cannot send email, so it cannot send invitations."];
            }
            else if (MeetingInvitations.Invitees(input.Attendees).Count == 0)
            {
                errors["attendees"] = ["Add the attendees' email addresses (e.g. dana@example.com) to send them the invitation."];
            }
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
