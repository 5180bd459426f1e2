using System.Text.Json;
using CrmCdp.Web.Modules.Cdp.Segments;
using CrmCdp.Web.Modules.Cdp.Sources;
using CrmCdp.Web.Platform.Audit;
using CrmCdp.Web.Platform.Validation;
using FluentValidation;

namespace CrmCdp.Web.Modules.Cdp.Destinations;

/// <summary>Creating, changing and removing destinations, and rotating their signing secrets; every change audited.</summary>
internal sealed class DestinationService(
    IDbContextFactory<AppDbContext> dbFactory, IValidator<DestinationInput> validator, WebhookSecrets secrets, AuditLog audit, TimeProvider timeProvider)
{
    private const string NotAllowed = "Your role cannot manage destinations.";

    public async Task<IReadOnlyList<DestinationDto>> ListAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.DestinationsManage))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return [.. (await db.Set<Destination>().AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken)).Select(ToDto)];
    }

    public async Task<OperationResult<DestinationDto>> GetAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.DestinationsManage))
        {
            return OperationResult<DestinationDto>.Forbidden(NotAllowed);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var destination = await db.Set<Destination>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return destination is null ? OperationResult<DestinationDto>.NotFound() : OperationResult<DestinationDto>.Ok(ToDto(destination));
    }

    public async Task<OperationResult<DestinationDto>> CreateAsync(AccessContext access, DestinationInput input, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.DestinationsManage))
        {
            return OperationResult<DestinationDto>.Forbidden(NotAllowed);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await ErrorsAsync(db, input, cancellationToken) is { Count: > 0 } errors)
        {
            return OperationResult<DestinationDto>.Invalid(errors);
        }

        var secret = WebhookSecrets.Generate();
        var now = timeProvider.GetUtcNow();
        var entry = AuditActor.For(access, AuditActions.DestinationChanged);
        var destination = new Destination { Id = Guid.CreateVersion7(), ProtectedSecret = secrets.Protect(secret), CreatedByUserId = entry.UserId, CreatedAt = now };
        Apply(destination, input, now);
        db.Add(destination);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("destination", destination.Id.ToString(), $"Created destination {destination.Name} ({destination.Url})");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<DestinationDto>.Ok(ToDto(destination) with { Secret = secret });
    }

    public async Task<OperationResult<DestinationDto>> UpdateAsync(AccessContext access, Guid id, DestinationInput input, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.DestinationsManage))
        {
            return OperationResult<DestinationDto>.Forbidden(NotAllowed);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var destination = await db.Set<Destination>().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (destination is null)
        {
            return OperationResult<DestinationDto>.NotFound();
        }

        if (await ErrorsAsync(db, input, cancellationToken) is { Count: > 0 } errors)
        {
            return OperationResult<DestinationDto>.Invalid(errors);
        }

        var before = destination.Enabled;
        Apply(destination, input, timeProvider.GetUtcNow());
        if (destination.Enabled && !before)
        {
            (destination.DisabledReason, destination.FailingSince) = (null, null);
        }

        var entry = AuditActor.For(access, AuditActions.DestinationChanged);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("destination", id.ToString(), $"Changed destination {destination.Name} ({(destination.Enabled ? "on" : "off")})");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<DestinationDto>.Ok(ToDto(destination));
    }

    public async Task<OperationResult<bool>> DeleteAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.DestinationsManage))
        {
            return OperationResult<bool>.Forbidden(NotAllowed);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var destination = await db.Set<Destination>().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (destination is null)
        {
            return OperationResult<bool>.NotFound();
        }

        db.Remove(destination);
        var entry = AuditActor.For(access, AuditActions.DestinationChanged);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("destination", id.ToString(), $"Deleted destination {destination.Name} and its delivery log");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<bool>.Ok(true);
    }

    /// <summary>A new signing secret (answered once); the old one keeps signing beside it for <paramref name="overlap"/>.</summary>
    public async Task<OperationResult<DestinationDto>> RotateSecretAsync(AccessContext access, Guid id, TimeSpan overlap, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.DestinationsManage))
        {
            return OperationResult<DestinationDto>.Forbidden(NotAllowed);
        }

        if (overlap < TimeSpan.Zero || overlap > TimeSpan.FromDays(30))
        {
            return OperationResult<DestinationDto>.Invalid("overlapHours", "Keep the old secret signing for 0 to 720 hours.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var destination = await db.Set<Destination>().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (destination is null)
        {
            return OperationResult<DestinationDto>.NotFound();
        }

        var secret = WebhookSecrets.Generate();
        var now = timeProvider.GetUtcNow();
        (destination.PreviousProtectedSecret, destination.PreviousSecretExpiresAt) = overlap > TimeSpan.Zero
            ? (destination.ProtectedSecret, now + overlap)
            : ((string?)null, (DateTimeOffset?)null);
        (destination.ProtectedSecret, destination.UpdatedAt) = (secrets.Protect(secret), now);
        var entry = AuditActor.For(access, AuditActions.DestinationChanged);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("destination", id.ToString(), $"Rotated the signing secret of {destination.Name}; the old one signs until {destination.PreviousSecretExpiresAt:u}");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<DestinationDto>.Ok(ToDto(destination) with { Secret = secret });
    }

    private async Task<Dictionary<string, string[]>> ErrorsAsync(AppDbContext db, DestinationInput input, CancellationToken cancellationToken)
    {
        var errors = ValidationErrors.ByField(await validator.ValidateAsync(input, cancellationToken));
        if (input.Subscriptions?.SourceIds is { Count: > 0 } sourceIds
            && await db.Set<Source>().CountAsync(s => sourceIds.Contains(s.Id), cancellationToken) != sourceIds.Distinct().Count())
        {
            errors["subscriptions.sourceIds"] = ["One of these sources does not exist."];
        }

        if (input.Subscriptions?.SegmentIds is { Count: > 0 } segmentIds
            && await db.Set<Segment>().CountAsync(s => segmentIds.Contains(s.Id), cancellationToken) != segmentIds.Distinct().Count())
        {
            errors["subscriptions.segmentIds"] = ["One of these segments does not exist."];
        }

        return errors;
    }

    private static void Apply(Destination destination, DestinationInput input, DateTimeOffset now)
    {
        destination.Name = input.Name!.Trim();
        destination.Type = DestinationTypes.Webhook;
        destination.Url = input.Url!.Trim();
        destination.Headers = JsonSerializer.Serialize(input.Headers ?? []);
        destination.Enabled = input.Enabled ?? true;
        destination.Subscriptions = DestinationSubscriptionsJson.Write(input.Subscriptions ?? new DestinationSubscriptions());
        destination.BatchSize = input.BatchSize ?? 1;
        destination.ConsentCategory = string.IsNullOrWhiteSpace(input.ConsentCategory) ? null : input.ConsentCategory.Trim();
        destination.IncludePii = input.IncludePii ?? false;
        destination.UpdatedAt = now;
    }

    public static DestinationDto ToDto(Destination d) => new(
        d.Id, d.Name, d.Type, d.Url, JsonSerializer.Deserialize<Dictionary<string, string>>(d.Headers) ?? [], d.Enabled, d.DisabledReason,
        DestinationSubscriptionsJson.Read(d.Subscriptions), d.BatchSize, d.ConsentCategory, d.IncludePii, d.PreviousSecretExpiresAt, d.FailingSince, d.CreatedAt, d.UpdatedAt);
}
