using System.Text.Json;
using CrmCdp.Web.Modules.Cdp.Contracts;
using CrmCdp.Web.Platform.Audit;
using CrmCdp.Web.Platform.Email;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

/// <summary>What a journey's builder offers to choose from.</summary>
internal sealed record JourneyChoices(IReadOnlyList<(Guid Id, string Name)> Segments, IReadOnlyList<(Guid Id, string Name)> Templates)
{
    public IReadOnlyList<(Guid Id, string Name)> Webhooks { get; init; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Teams { get; init; } = [];
}

/// <summary>Who to enrol by hand: profile ids, or a segment's members.</summary>
internal sealed record JourneyEnrolRequest(List<Guid>? ProfileIds, Guid? SegmentId);

/// <param name="Requested">The people named (or the segment's members).</param>
/// <param name="Enrolled">Those who entered; the others are already in it, or kept out by the re-entry rule.</param>
internal sealed record JourneyEnrolResult(int Requested, int Enrolled);

internal sealed record JourneyDto(Guid Id, string Name, string Status, int? LiveVersion, JsonElement Definition, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// Journeys: drafted, published as frozen versions, paused. Publishing an edited draft creates a new version; people in an
/// older version finish it. Every change is audited.
/// </summary>
internal sealed class JourneyService(
    IDbContextFactory<AppDbContext> dbFactory, JourneyDefinitionValidator validator, ICdpProfilesForMarketing profiles, IDestinationsForMarketing destinations, JourneyVersions versions, JourneyWakeUp wakeUp,
    AuditLog audit, TimeProvider timeProvider)
{
    private const string Denied = "Your role cannot manage journeys.";
    private const int MaxEnrolledAtOnce = 10_000;

    public async Task<JourneyChoices> ChoicesAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Marketing.JourneysManage))
        {
            return new JourneyChoices([], []);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var templates = await db.Set<EmailTemplate>().AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
        return new JourneyChoices(await profiles.SegmentsAsync(db, cancellationToken), [.. templates.Select(t => (t.Id, t.Name))])
        {
            Webhooks = await destinations.WebhooksAsync(db, cancellationToken),
            Teams = [.. teams.Select(t => (t.Id, t.Name))],
        };
    }

    public async Task<OperationResult<IReadOnlyList<JourneyDto>>> ListAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Marketing.JourneysManage))
        {
            return OperationResult<IReadOnlyList<JourneyDto>>.Forbidden(Denied);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var journeys = await db.Set<Journey>().AsNoTracking().OrderBy(j => j.Name).ToListAsync(cancellationToken);
        return OperationResult<IReadOnlyList<JourneyDto>>.Ok([.. journeys.Select(ToDto)]);
    }

    public async Task<OperationResult<JourneyDto>> GetAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Marketing.JourneysManage))
        {
            return OperationResult<JourneyDto>.Forbidden(Denied);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Journey>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, cancellationToken) is { } journey
            ? OperationResult<JourneyDto>.Ok(ToDto(journey)) : OperationResult<JourneyDto>.NotFound();
    }

    public async Task<OperationResult<JourneyDto>> CreateAsync(AccessContext access, JourneyDefinition? definition, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Marketing.JourneysManage))
        {
            return OperationResult<JourneyDto>.Forbidden(Denied);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await validator.ValidateAsync(db, definition, cancellationToken) is { Count: > 0 } errors)
        {
            return OperationResult<JourneyDto>.Invalid(errors);
        }

        var now = timeProvider.GetUtcNow();
        var journey = new Journey { Id = Guid.CreateVersion7(), Name = definition!.Name!.Trim(), Draft = definition.Serialize(), CreatedAt = now, UpdatedAt = now };
        db.Add(journey);
        Audit(db, access, journey, $"Created journey {journey.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<JourneyDto>.Ok(ToDto(journey));
    }

    public async Task<OperationResult<JourneyDto>> UpdateAsync(AccessContext access, Guid id, JourneyDefinition? definition, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Marketing.JourneysManage))
        {
            return OperationResult<JourneyDto>.Forbidden(Denied);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<Journey>().SingleOrDefaultAsync(j => j.Id == id, cancellationToken) is not { } journey)
        {
            return OperationResult<JourneyDto>.NotFound();
        }

        if (await validator.ValidateAsync(db, definition, cancellationToken) is { Count: > 0 } errors)
        {
            return OperationResult<JourneyDto>.Invalid(errors);
        }

        (journey.Name, journey.Draft, journey.UpdatedAt) = (definition!.Name!.Trim(), definition.Serialize(), timeProvider.GetUtcNow());
        Audit(db, access, journey, $"Edited the draft of journey {journey.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<JourneyDto>.Ok(ToDto(journey));
    }

    public async Task<OperationResult<bool>> DeleteAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Marketing.JourneysManage))
        {
            return OperationResult<bool>.Forbidden(Denied);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<Journey>().SingleOrDefaultAsync(j => j.Id == id, cancellationToken) is not { } journey)
        {
            return OperationResult<bool>.NotFound();
        }

        db.Remove(journey);
        Audit(db, access, journey, $"Deleted journey {journey.Name} with everyone's progress in it");
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<bool>.Ok(true);
    }

    /// <summary>Makes the draft live: a new version when it differs from the live one; a paused journey resumes.</summary>
    public async Task<OperationResult<JourneyDto>> PublishAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Marketing.JourneysManage))
        {
            return OperationResult<JourneyDto>.Forbidden(Denied);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<Journey>().SingleOrDefaultAsync(j => j.Id == id, cancellationToken) is not { } journey)
        {
            return OperationResult<JourneyDto>.NotFound();
        }

        // Checked again: a template or segment it names may have gone since the draft was saved.
        if (await validator.ValidateAsync(db, JourneyDefinition.Parse(journey.Draft), cancellationToken) is { Count: > 0 } errors)
        {
            return OperationResult<JourneyDto>.Invalid(errors);
        }

        var now = timeProvider.GetUtcNow();
        var live = journey.LiveVersion is { } version ? await db.Set<JourneyVersion>().SingleAsync(v => v.JourneyId == id && v.Version == version, cancellationToken) : null;
        if (live is null || !JsonElement.DeepEquals(Parse(live.Definition), Parse(journey.Draft)))
        {
            var next = (journey.LiveVersion ?? 0) + 1;
            db.Add(new JourneyVersion { JourneyId = id, Version = next, Definition = journey.Draft, PublishedAt = now, PublishedByUserId = access.UserId });
            journey.LiveVersion = next;
        }

        (journey.Status, journey.UpdatedAt) = (JourneyStatuses.Live, now);
        Audit(db, access, journey, $"Published journey {journey.Name} (version {journey.LiveVersion})");
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<JourneyDto>.Ok(ToDto(journey));
    }

    /// <summary>Stops entries and steps; people stay where they are until it is published again.</summary>
    public async Task<OperationResult<JourneyDto>> PauseAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Marketing.JourneysManage))
        {
            return OperationResult<JourneyDto>.Forbidden(Denied);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<Journey>().SingleOrDefaultAsync(j => j.Id == id, cancellationToken) is not { } journey)
        {
            return OperationResult<JourneyDto>.NotFound();
        }

        if (journey.Status != JourneyStatuses.Live)
        {
            return OperationResult<JourneyDto>.Conflict("Only a live journey can be paused.");
        }

        (journey.Status, journey.UpdatedAt) = (JourneyStatuses.Paused, timeProvider.GetUtcNow());
        Audit(db, access, journey, $"Paused journey {journey.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<JourneyDto>.Ok(ToDto(journey));
    }

    /// <summary>Enrols a list of people (profile ids, or a segment's members now) into a live journey, under its rules (re-entry, once at a time).</summary>
    public async Task<OperationResult<JourneyEnrolResult>> EnrolAsync(AccessContext access, Guid id, JourneyEnrolRequest? request, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Marketing.JourneysManage))
        {
            return OperationResult<JourneyEnrolResult>.Forbidden(Denied);
        }

        var ids = request?.ProfileIds ?? [];
        if ((ids.Count == 0) == (request?.SegmentId is null) || ids.Count > MaxEnrolledAtOnce)
        {
            return OperationResult<JourneyEnrolResult>.Invalid("profileIds", $"Send either profileIds (1 to {MaxEnrolledAtOnce:N0} profile ids) or a segmentId whose members enter.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Set<Journey>().SingleOrDefaultAsync(j => j.Id == id, cancellationToken) is not { } journey)
        {
            return OperationResult<JourneyEnrolResult>.NotFound();
        }

        var live = (await versions.LiveAsync(db, cancellationToken)).FirstOrDefault(j => j.Id == id);
        if (live is null)
        {
            return OperationResult<JourneyEnrolResult>.Conflict("Publish the journey before enrolling people in it.");
        }

        if (request!.SegmentId is { } segmentId && !await profiles.SegmentExistsAsync(db, segmentId, cancellationToken))
        {
            return OperationResult<JourneyEnrolResult>.Invalid("segmentId", $"There is no segment {segmentId}.");
        }

        var people = request.SegmentId is { } segment ? await profiles.SegmentMembersAsync(db, segment, cancellationToken) : ids;
        var now = timeProvider.GetUtcNow();
        var enrolled = await JourneyBulkEnrolment.EnrolAsync(db, live, people, $"manual:{Guid.CreateVersion7():N}:", now, cancellationToken);
        Audit(db, access, journey, $"Enrolled {enrolled:N0} of {people.Count:N0} people by hand into journey {journey.Name}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        wakeUp.Wake();
        return OperationResult<JourneyEnrolResult>.Ok(new JourneyEnrolResult(people.Count, enrolled));
    }

    private void Audit(AppDbContext db, AccessContext access, Journey journey, string summary)
    {
        var entry = AuditActor.For(access, AuditActions.JourneyChanged);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("journey", journey.Id.ToString(), summary);
        audit.Add(db, entry);
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static JourneyDto ToDto(Journey j) => new(j.Id, j.Name, j.Status, j.LiveVersion, Parse(j.Draft), j.CreatedAt, j.UpdatedAt);
}
