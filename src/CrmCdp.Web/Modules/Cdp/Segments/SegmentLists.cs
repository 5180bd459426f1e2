using CrmCdp.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Segments;

/// <summary>
/// Fixed lists of people, made from an insight (a funnel step's converted or dropped people): a segment whose members are
/// written once, through the change feed like any entry (so activation, destinations and journeys follow them), and then
/// left alone by evaluation.
/// </summary>
internal sealed class SegmentLists(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, TimeProvider timeProvider)
{
    public const int MaxPeople = 100_000;

    /// <summary>An empty definition: a list's members come from the list, not from conditions.</summary>
    private static readonly string NoConditions = SegmentDefinitions.Serialize(SegmentCondition.All());

    public async Task<OperationResult<SegmentDto>> CreateAsync(
        AccessContext access, string? name, string? description, IReadOnlyCollection<Guid> profileIds, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.SegmentsManage))
        {
            return OperationResult<SegmentDto>.Forbidden("Your role cannot change segments.");
        }

        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > 100)
        {
            return OperationResult<SegmentDto>.Invalid("name", "Give the segment a name of 1 to 100 characters.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if ((await db.Set<Segment>().Select(s => s.Name).ToListAsync(cancellationToken)).Any(n => string.Equals(n, trimmed, StringComparison.OrdinalIgnoreCase)))
        {
            return OperationResult<SegmentDto>.Invalid("name", $"A segment named {trimmed} exists already.");
        }

        var now = timeProvider.GetUtcNow();
        var entry = AuditActor.For(access, AuditActions.SegmentCreated);
        var segment = new Segment
        {
            Id = Guid.CreateVersion7(),
            Name = trimmed,
            Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            Definition = NoConditions,
            IsStatic = true,
            TaskTitle = SegmentService.DefaultTaskTitle,
            CreatedAt = now,
            UpdatedAt = now,
            CreatedByUserId = entry.UserId,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Under the segments' lock, like every membership change (and erasure, which must not be undone by a list).
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SegmentRefresher.RefreshLock})", cancellationToken);
        db.Add(segment);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("segment", segment.Id.ToString(), $"Created the list {segment.Name} of {profileIds.Count} people");
        audit.Add(db, entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return OperationResult<SegmentDto>.Conflict($"A segment named {segment.Name} was created a moment ago; pick another name.");
        }

        var people = new NpgsqlParameter("people", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid) { Value = profileIds.Distinct().ToArray() };
        var compiled = new CompiledSegment("SELECT id FROM cdp_profiles WHERE id = ANY(@people) AND merged_into_id IS NULL", [people]);
        var diff = await SegmentMembershipDiff.ApplyAsync(
            (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction(), segment.Id, compiled, now, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        segment.MemberCount = diff.Members ?? 0;
        return OperationResult<SegmentDto>.Ok(SegmentService.ToDto(segment, new Dictionary<Guid, string>()));
    }
}
