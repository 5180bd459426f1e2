using CrmCdp.Web.Modules.Cdp.Profiles;
using CrmCdp.Web.Modules.Cdp.Segments;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Insights;

/// <summary>The people behind a funnel step's number, listed or kept as a segment: the same query the counts come from.</summary>
internal sealed class FunnelPeople(ReadReplica readReplica, SegmentLists lists)
{
    public const int MaxListed = 1000;

    public async Task<OperationResult<FunnelPeopleResult>> ListAsync(AccessContext access, FunnelPeopleRequest? request, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.InsightsRead) || !access.Has(Permissions.Cdp.ProfilesRead))
        {
            return OperationResult<FunnelPeopleResult>.Forbidden("Listing a funnel's people needs the permissions to read insights and profiles.");
        }

        if (Check(request) is { Count: > 0 } errors)
        {
            return OperationResult<FunnelPeopleResult>.Invalid(errors);
        }

        return await InsightAccess.WithinTimeLimitAsync(async () =>
        {
            var people = await PeopleAsync(request!, request!.Limit ?? 100, cancellationToken);
            return new FunnelPeopleResult(people.Total, await LabelAsync(people.Listed, ProfileAccess.SeesPii(access), cancellationToken));
        }, cancellationToken);
    }

    /// <summary>Keeps the step's people as a fixed list: a segment of exactly them, at once.</summary>
    public async Task<OperationResult<SegmentDto>> SaveAsSegmentAsync(AccessContext access, FunnelPeopleRequest? request, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.InsightsRead) || !access.Has(Permissions.Cdp.SegmentsManage))
        {
            return OperationResult<SegmentDto>.Forbidden("Making a segment from a funnel needs the permissions to read insights and manage segments.");
        }

        if (Check(request) is { Count: > 0 } errors)
        {
            return OperationResult<SegmentDto>.Invalid(errors);
        }

        var people = await InsightAccess.WithinTimeLimitAsync(() => PeopleAsync(request!, SegmentLists.MaxPeople + 1, cancellationToken), cancellationToken);
        if (people.Outcome != OperationOutcome.Ok)
        {
            return people.As<SegmentDto>();
        }

        var found = people.Value;

        if (found.Total > SegmentLists.MaxPeople)
        {
            return OperationResult<SegmentDto>.Invalid("step", $"This step has {found.Total:N0} people; a list keeps at most {SegmentLists.MaxPeople:N0}. Narrow the dates or add filters.");
        }

        var step = request!.Steps![request.Step!.Value].Event;
        var description = $"{(request.Status == "dropped" ? "Dropped before" : "Reached")} “{step}” in a {request.Steps.Count}-step funnel from {request.From:yyyy-MM-dd} to {request.To:yyyy-MM-dd}.";
        return await lists.CreateAsync(access, request.Name, description, [.. found.Listed.Select(p => p.ProfileId)], cancellationToken);
    }

    private static Dictionary<string, string[]> Check(FunnelPeopleRequest? request)
    {
        var errors = InsightRequestValidator.Check(request);
        if (errors.Count > 0)
        {
            return errors;
        }

        if (request!.Status is not ("converted" or "dropped"))
        {
            errors["status"] = ["List the people who converted (reached the step) or dropped (reached the step before and not this one)."];
        }

        var first = request.Status == "dropped" ? 1 : 0;
        if (request.Step is not { } step || step < first || step >= request.Steps!.Count)
        {
            errors["step"] = [$"Give the step by its position, {first} to {request.Steps!.Count - 1}{(first == 1 ? " (nobody drops before the first)" : "")}."];
        }

        if (request.Limit is not null and not (>= 1 and <= MaxListed))
        {
            errors["limit"] = [$"List 1 to {MaxListed:N0} people; the total is counted anyway."];
        }

        return errors;
    }

    private async Task<(long Total, List<(Guid ProfileId, DateTimeOffset EnteredAt)> Listed)> PeopleAsync(FunnelPeopleRequest request, int limit, CancellationToken cancellationToken)
    {
        var sql = new FunnelSql(request);
        await using var db = await readReplica.CreateDbContextAsync(cancellationToken);
        await using var question = await InsightAccess.BeginAsync(db, cancellationToken);
        await using var command = sql.Command(
            $"SELECT profile_id, t0, count(*) OVER () FROM ({FunnelSql.People(request.Step!.Value, request.Status == "dropped")}) people ORDER BY t0, profile_id LIMIT @limit",
            (NpgsqlConnection)db.Database.GetDbConnection());
        command.Parameters.AddWithValue("limit", limit);
        var listed = new List<(Guid, DateTimeOffset)>();
        var total = 0L;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            listed.Add((reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1)));
            total = reader.GetInt64(2);
        }

        return (total, listed);
    }

    private async Task<IReadOnlyList<FunnelPerson>> LabelAsync(List<(Guid ProfileId, DateTimeOffset EnteredAt)> people, bool seesPii, CancellationToken cancellationToken)
    {
        var ids = people.Select(p => p.ProfileId).ToList();
        await using var db = await readReplica.CreateDbContextAsync(cancellationToken);
        var identifiers = await db.Set<ProfileIdentifier>().Where(i => ids.Contains(i.ProfileId)).Select(i => new { i.ProfileId, i.Type, i.Value }).ToListAsync(cancellationToken);
        string[] preference = [Identity.IdentifierTypes.Email, Identity.IdentifierTypes.UserId, Identity.IdentifierTypes.AnonymousId];
        return [.. people.Select(p =>
        {
            var best = identifiers.Where(i => i.ProfileId == p.ProfileId).OrderBy(i => Array.IndexOf(preference, i.Type) is var rank && rank < 0 ? 99 : rank).ThenBy(i => i.Value, StringComparer.Ordinal).FirstOrDefault();
            return new FunnelPerson(p.ProfileId, ProfileAccess.Masked(best?.Type, best?.Value, seesPii) ?? p.ProfileId.ToString(), p.EnteredAt);
        })];
    }
}
