using CrmCdp.Web.Modules.Crm.Common;

namespace CrmCdp.Web.Modules.Crm.Tickets;

public sealed record SlaPolicyDto(string Priority, int FirstResponseMinutes, int ResolutionMinutes);

public sealed class SlaCalendarDto
{
    /// <summary>An IANA time zone such as Europe/Berlin.</summary>
    public string? TimeZoneId { get; set; }

    /// <summary>ISO weekday numbers, 1 = Monday … 7 = Sunday.</summary>
    public List<int>? WorkDays { get; set; }

    public TimeOnly? Opens { get; set; }

    public TimeOnly? Closes { get; set; }

    public List<DateOnly>? Holidays { get; set; }
}

public sealed class RoutingInput
{
    /// <summary>manual, roundRobin or leastOpen.</summary>
    public string? Mode { get; set; }
}

/// <summary>Admin settings of the helpdesk: targets per priority, the working calendar, and how each team's tickets are assigned.</summary>
internal sealed class SlaAdmin(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<IReadOnlyList<SlaPolicyDto>> PoliciesAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.PipelinesManage))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return [.. (await db.Set<SlaPolicy>().ToListAsync(cancellationToken)).OrderByDescending(p => p.Priority)
            .Select(p => new SlaPolicyDto(CrmEnumNames.Wire(p.Priority), p.FirstResponseMinutes, p.ResolutionMinutes))];
    }

    public async Task<OperationResult<IReadOnlyList<SlaPolicyDto>>> SavePoliciesAsync(AccessContext access, IReadOnlyList<SlaPolicyDto> policies, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.PipelinesManage))
        {
            return OperationResult<IReadOnlyList<SlaPolicyDto>>.Forbidden("Your role cannot change the SLA settings.");
        }

        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < policies.Count; i++)
        {
            var p = policies[i];
            if (CrmEnumNames.Parse<TicketPriority>(p.Priority) is null)
            {
                errors[$"[{i}].priority"] = [$"The priority must be one of: {CrmEnumNames.Allowed<TicketPriority>()}."];
            }

            if (p.FirstResponseMinutes is < 1 or > 100_000 || p.ResolutionMinutes is < 1 or > 1_000_000 || p.ResolutionMinutes < p.FirstResponseMinutes)
            {
                errors[$"[{i}].resolutionMinutes"] = ["Targets are positive business minutes, and resolution takes at least as long as the first response."];
            }
        }

        if (errors.Count > 0)
        {
            return OperationResult<IReadOnlyList<SlaPolicyDto>>.Invalid(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        foreach (var input in policies)
        {
            var priority = CrmEnumNames.Parse<TicketPriority>(input.Priority)!.Value;
            var policy = await db.Set<SlaPolicy>().SingleOrDefaultAsync(p => p.Priority == priority, cancellationToken);
            if (policy is null)
            {
                policy = new SlaPolicy { Priority = priority };
                db.Add(policy);
            }

            (policy.FirstResponseMinutes, policy.ResolutionMinutes) = (input.FirstResponseMinutes, input.ResolutionMinutes);
        }

        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<IReadOnlyList<SlaPolicyDto>>.Ok(await PoliciesAsync(access, cancellationToken));
    }

    public async Task<SlaCalendarDto> CalendarAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.PipelinesManage))
        {
            return new SlaCalendarDto();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var calendar = await db.Set<SlaCalendar>().AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new SlaCalendar();
        return new SlaCalendarDto { TimeZoneId = calendar.TimeZoneId, WorkDays = calendar.WorkDays, Opens = calendar.Opens, Closes = calendar.Closes, Holidays = calendar.Holidays };
    }

    public async Task<OperationResult<SlaCalendarDto>> SaveCalendarAsync(AccessContext access, SlaCalendarDto input, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.PipelinesManage))
        {
            return OperationResult<SlaCalendarDto>.Forbidden("Your role cannot change the SLA settings.");
        }

        var errors = new Dictionary<string, string[]>();
        if (input.TimeZoneId is null || !TimeZoneInfo.TryFindSystemTimeZoneById(input.TimeZoneId, out _))
        {
            errors["timeZoneId"] = ["Use a time zone name such as Europe/Berlin or America/New_York."];
        }

        if (input.WorkDays is not { Count: > 0 } days || days.Any(d => d is < 1 or > 7))
        {
            errors["workDays"] = ["List the working days as numbers from 1 (Monday) to 7 (Sunday)."];
        }

        if (input.Opens is not { } opens || input.Closes is not { } closes || closes <= opens)
        {
            errors["closes"] = ["The working day must end after it starts."];
        }

        if (errors.Count > 0)
        {
            return OperationResult<SlaCalendarDto>.Invalid(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var calendar = await db.Set<SlaCalendar>().SingleOrDefaultAsync(cancellationToken);
        if (calendar is null)
        {
            calendar = new SlaCalendar { Id = 1 };
            db.Add(calendar);
        }

        (calendar.TimeZoneId, calendar.WorkDays, calendar.Opens, calendar.Closes) = (input.TimeZoneId!, [.. input.WorkDays!.Distinct().Order()], input.Opens!.Value, input.Closes!.Value);
        calendar.Holidays = [.. (input.Holidays ?? []).Distinct().Order()];
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<SlaCalendarDto>.Ok(await CalendarAsync(access, cancellationToken));
    }

    public async Task<OperationResult<bool>> SaveRoutingAsync(AccessContext access, Guid teamId, RoutingInput input, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Admin.PipelinesManage))
        {
            return OperationResult<bool>.Forbidden("Your role cannot change the SLA settings.");
        }

        if (CrmEnumNames.Parse<AssignmentMode>(input.Mode) is not { } mode)
        {
            return OperationResult<bool>.Invalid("mode", $"The mode must be one of: {CrmEnumNames.Allowed<AssignmentMode>()}.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Teams.AnyAsync(t => t.Id == teamId, cancellationToken))
        {
            return OperationResult<bool>.NotFound();
        }

        var routing = await db.Set<TeamRouting>().SingleOrDefaultAsync(r => r.TeamId == teamId, cancellationToken);
        if (routing is null)
        {
            routing = new TeamRouting { TeamId = teamId };
            db.Add(routing);
        }

        routing.Mode = mode;
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<bool>.Ok(true);
    }
}
