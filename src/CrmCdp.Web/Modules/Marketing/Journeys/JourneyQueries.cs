using System.Text.Json;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

public sealed record JourneyStepStats(
    string Id, string? Type, int Entered, int Waiting, int Completed, int ExitedByGoal, int Errors, IReadOnlyDictionary<string, int> Outcomes);

public sealed record JourneyStats(Guid JourneyId, int Enrolled, int Active, int Completed, int Goal, int Exited, int Failed, IReadOnlyList<JourneyStepStats> Steps);

public sealed record JourneyPerson(
    long EnrolmentId, Guid ProfileId, int Version, string Step, DateTimeOffset Since, string Status, DateTimeOffset EnteredAt, DateTimeOffset? EndedAt,
    DateTimeOffset? WaitUntil, string? LastError, JsonElement Path)
{
    /// <summary>How many times a step failed for this person (each is tried again a minute later).</summary>
    public int Errors { get; init; }

    /// <summary>When the runner takes the person up next (a wait's end, the end of quiet hours); null once they are out.</summary>
    public DateTimeOffset? NextRunAt { get; init; }
}

internal sealed record JourneyPeoplePage(IReadOnlyList<JourneyPerson> Items, string? NextCursor);

internal sealed record ProfileJourney(Guid JourneyId, string JourneyName, long EnrolmentId, int Version, string Step, DateTimeOffset Since, string Status, DateTimeOffset EnteredAt, DateTimeOffset? EndedAt, JsonElement Path);

/// <summary>What a journey did: per-step counts as a funnel, who is in it (keyset), and a profile's journeys.</summary>
internal sealed class JourneyQueries(IDbContextFactory<AppDbContext> dbFactory)
{
    private const string Denied = "Your role cannot see journeys.";

    public async Task<OperationResult<JourneyStats>> StatsAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Marketing.JourneysManage))
        {
            return OperationResult<JourneyStats>.Forbidden(Denied);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<Journey>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, cancellationToken) is not { } journey)
        {
            return OperationResult<JourneyStats>.NotFound();
        }

        var byStatus = await db.Set<JourneyEnrolment>().Where(e => e.JourneyId == id).GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var atStep = await db.Set<JourneyEnrolment>().Where(e => e.JourneyId == id).GroupBy(e => new { e.StepId, e.Status })
            .Select(g => new { g.Key.StepId, g.Key.Status, Count = g.Count(), Errors = g.Count(e => e.Errors > 0) }).ToListAsync(cancellationToken);
        var runs = await db.Set<JourneyStepRun>().Where(r => r.JourneyId == id).GroupBy(r => new { r.StepId, r.Outcome })
            .Select(g => new { g.Key.StepId, g.Key.Outcome, Count = g.Count() }).ToListAsync(cancellationToken);
        var definition = JourneyDefinition.Parse(journey.Draft);
        var stepIds = (definition.Steps ?? []).Select(s => s.Id!).Concat(runs.Select(r => r.StepId)).Concat(atStep.Select(a => a.StepId)).Distinct().ToList();
        var steps = stepIds.Select(stepId =>
        {
            var done = runs.Where(r => r.StepId == stepId).ToList();
            var here = atStep.Where(a => a.StepId == stepId).ToList();
            int Here(string status) => here.Where(a => a.Status == status).Sum(a => a.Count);
            var completed = done.Sum(r => r.Count);
            return new JourneyStepStats(stepId, definition.Step(stepId)?.Type, completed + Here(EnrolmentStatuses.Active) + Here(EnrolmentStatuses.Goal) + Here(EnrolmentStatuses.Failed),
                Here(EnrolmentStatuses.Active), completed, Here(EnrolmentStatuses.Goal), here.Sum(a => a.Errors),
                done.ToDictionary(r => r.Outcome, r => r.Count, StringComparer.Ordinal));
        }).ToList();
        int Status(string status) => byStatus.GetValueOrDefault(status);
        return OperationResult<JourneyStats>.Ok(new JourneyStats(id, byStatus.Values.Sum(), Status(EnrolmentStatuses.Active), Status(EnrolmentStatuses.Completed),
            Status(EnrolmentStatuses.Goal), Status(EnrolmentStatuses.Exited), Status(EnrolmentStatuses.Failed), steps));
    }

    /// <summary>Who is or was in the journey, newest first; <paramref name="cursor"/> is the previous page's nextCursor.</summary>
    public async Task<OperationResult<JourneyPeoplePage>> PeopleAsync(AccessContext access, Guid id, string? cursor, int? limit, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Marketing.JourneysManage))
        {
            return OperationResult<JourneyPeoplePage>.Forbidden(Denied);
        }

        if (limit is < 1 or > 500)
        {
            return OperationResult<JourneyPeoplePage>.Invalid("limit", "Ask for 1 to 500 people at a time.");
        }

        long? before = null;
        if (cursor is not null)
        {
            if (!long.TryParse(cursor, out var parsed))
            {
                return OperationResult<JourneyPeoplePage>.Invalid("cursor", "Use the nextCursor of the previous page.");
            }

            before = parsed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<Journey>().AnyAsync(j => j.Id == id, cancellationToken))
        {
            return OperationResult<JourneyPeoplePage>.NotFound();
        }

        var take = limit ?? 50;
        var rows = await db.Set<JourneyEnrolment>().AsNoTracking().Where(e => e.JourneyId == id && (before == null || e.Id < before))
            .OrderByDescending(e => e.Id).Take(take + 1).ToListAsync(cancellationToken);
        var items = rows.Take(take).Select(e => new JourneyPerson(e.Id, e.ProfileId, e.Version, e.StepId, e.StepSince, e.Status, e.EnteredAt, e.EndedAt, e.WaitUntil, e.LastError,
            JsonDocument.Parse(e.Path).RootElement.Clone())
        { NextRunAt = e.Status == EnrolmentStatuses.Active ? e.NextRunAt : null, Errors = e.Errors }).ToList();
        return OperationResult<JourneyPeoplePage>.Ok(new JourneyPeoplePage(items, rows.Count > take ? items[^1].EnrolmentId.ToString(System.Globalization.CultureInfo.InvariantCulture) : null));
    }

    public async Task<OperationResult<IReadOnlyList<ProfileJourney>>> ForProfileAsync(AccessContext access, Guid profileId, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Marketing.JourneysManage) && !access.Has(Permissions.Cdp.ProfilesRead))
        {
            return OperationResult<IReadOnlyList<ProfileJourney>>.Forbidden(Denied);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (from e in db.Set<JourneyEnrolment>().AsNoTracking()
                          join j in db.Set<Journey>().AsNoTracking() on e.JourneyId equals j.Id
                          where e.ProfileId == profileId
                          orderby e.Id descending
                          select new { e, j.Name }).Take(200).ToListAsync(cancellationToken);
        return OperationResult<IReadOnlyList<ProfileJourney>>.Ok([.. rows.Select(r => new ProfileJourney(r.e.JourneyId, r.Name, r.e.Id, r.e.Version, r.e.StepId, r.e.StepSince,
            r.e.Status, r.e.EnteredAt, r.e.EndedAt, JsonDocument.Parse(r.e.Path).RootElement.Clone()))]);
    }
}
