using System.Text.Json;
using CrmCdp.Web.Platform.Audit;
using CrmCdp.Web.Platform.Privacy;
using Hangfire;
using Microsoft.AspNetCore.DataProtection;

namespace CrmCdp.Web.Modules.Admin.Privacy;

public sealed class PrivacyRequestInput
{
    /// <summary>access, erase or suppress.</summary>
    public string? Kind { get; set; }

    /// <summary>email, phone or userId.</summary>
    public string? IdentifierKind { get; set; }

    public string? Identifier { get; set; }
}

public sealed record PrivacyRequestDto(
    Guid Id, string Kind, string IdentifierKind, string Identifier, string Status, DateTimeOffset RequestedAt, DateTimeOffset? CompletedAt,
    JsonElement Report, string? Failure, bool HasResult);

public sealed record SuppressionDto(Guid Id, string IdentifierKind, string Identifier, DateTimeOffset CreatedAt, DateTimeOffset? LiftedAt, long DroppedEvents);

internal sealed class PrivacyService(
    IDbContextFactory<AppDbContext> dbFactory, IDataProtectionProvider dataProtection, IBackgroundJobClient jobs, AuditLog audit, SuppressionList suppressions,
    TimeProvider timeProvider)
{
    public const string ProtectorPurpose = "CrmCdp.PrivacyRequests";

    public async Task<OperationResult<PrivacyRequestDto>> FileAsync(AccessContext access, PrivacyRequestInput input, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Privacy.RequestsManage))
        {
            return OperationResult<PrivacyRequestDto>.Forbidden("Your role cannot handle privacy requests.");
        }

        var errors = new Dictionary<string, string[]>();
        var kind = Enum.TryParse<PrivacyRequestKind>(input.Kind, ignoreCase: true, out var k) ? k : (PrivacyRequestKind?)null;
        var identifierKind = Enum.TryParse<PersonIdentifierKind>(input.IdentifierKind, ignoreCase: true, out var ik) ? ik : (PersonIdentifierKind?)null;
        var value = input.Identifier?.Trim() ?? "";
        if (kind is null)
        {
            errors["kind"] = ["The kind must be one of: access, erase, suppress."];
        }

        if (identifierKind is null)
        {
            errors["identifierKind"] = ["The identifier kind must be one of: email, phone, userId."];
        }

        if (value.Length is 0 or > 320)
        {
            errors["identifier"] = ["Enter the person's identifier (at most 320 characters)."];
        }
        else if (identifierKind == PersonIdentifierKind.Email && !value.Contains('@', StringComparison.Ordinal))
        {
            errors["identifier"] = ["Enter a valid email address."];
        }

        if (errors.Count > 0)
        {
            return OperationResult<PrivacyRequestDto>.Invalid(errors);
        }

        var person = new PersonIdentifier(identifierKind!.Value, value);
        var now = timeProvider.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actorEntry = AuditActor.For(access, AuditActions.PrivacyRequestFiled);
        var request = new PrivacyRequest
        {
            Id = Guid.CreateVersion7(),
            Kind = kind!.Value,
            IdentifierKind = person.Kind,
            IdentifierHash = person.Hash(),
            IdentifierMasked = person.Masked(),
            Status = PrivacyRequestStatus.Requested,
            RequestedByUserId = actorEntry.UserId,
            RequestedAt = now,
        };
        if (request.Kind == PrivacyRequestKind.Suppress)
        {
            if (!await db.Set<Suppression>().AnyAsync(s => s.ValueHash == request.IdentifierHash && s.LiftedAt == null, cancellationToken))
            {
                db.Add(new Suppression { Id = Guid.CreateVersion7(), Kind = person.Kind, ValueHash = request.IdentifierHash, MaskedValue = request.IdentifierMasked, CreatedByUserId = actorEntry.UserId, CreatedAt = now });
            }

            (request.Status, request.CompletedAt) = (PrivacyRequestStatus.Done, now);
        }
        else
        {
            request.ProtectedIdentifier = dataProtection.CreateProtector(ProtectorPurpose).Protect(value);
        }

        db.Add(request);
        (actorEntry.RecordType, actorEntry.RecordId) = ("privacyRequest", request.Id.ToString());
        actorEntry.Summary = $"Filed a {request.Kind.ToString().ToLowerInvariant()} request for {request.IdentifierMasked}";
        audit.Add(db, actorEntry);
        await db.SaveChangesAsync(cancellationToken);
        suppressions.Changed();
        if (request.Kind != PrivacyRequestKind.Suppress)
        {
            jobs.Enqueue<PrivacyRequestJob>(job => job.RunAsync(request.Id, CancellationToken.None));
        }

        return OperationResult<PrivacyRequestDto>.Ok(ToDto(request));
    }

    public async Task<IReadOnlyList<PrivacyRequestDto>> ListAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Privacy.RequestsManage))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<PrivacyRequest>().OrderByDescending(r => r.RequestedAt).Take(200)
            .Select(r => new PrivacyRequest
            {
                Id = r.Id,
                Kind = r.Kind,
                IdentifierKind = r.IdentifierKind,
                IdentifierMasked = r.IdentifierMasked,
                Status = r.Status,
                RequestedAt = r.RequestedAt,
                CompletedAt = r.CompletedAt,
                ReportJson = r.ReportJson,
                Failure = r.Failure,
                ResultJson = r.ResultJson == null ? null : "",
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToDto)];
    }

    public async Task<OperationResult<PrivacyRequestDto>> GetAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default) =>
        (await ListAsync(access, cancellationToken)).FirstOrDefault(r => r.Id == id) is { } found ? OperationResult<PrivacyRequestDto>.Ok(found) : OperationResult<PrivacyRequestDto>.NotFound();

    /// <summary>The access document of a completed access request, if it is still held.</summary>
    public async Task<string?> ResultAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Privacy.RequestsManage))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var result = await db.Set<PrivacyRequest>().Where(r => r.Id == id && r.Kind == PrivacyRequestKind.Access && r.Status == PrivacyRequestStatus.Done)
            .Select(r => r.ResultJson).SingleOrDefaultAsync(cancellationToken);
        if (result is not null)
        {
            var entry = AuditActor.For(access, AuditActions.PrivacyAccessDownloaded);
            (entry.RecordType, entry.RecordId, entry.Summary) = ("privacyRequest", id.ToString(), "Downloaded the data of an access request");
            await audit.WriteAsync(entry, cancellationToken);
        }

        return result;
    }

    public async Task<IReadOnlyList<SuppressionDto>> SuppressionsAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Privacy.RequestsManage))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Suppression>().OrderByDescending(s => s.CreatedAt).Take(500)
            .Select(s => new SuppressionDto(s.Id, s.Kind.ToString(), s.MaskedValue, s.CreatedAt, s.LiftedAt, s.DroppedEvents))
            .ToListAsync(cancellationToken);
    }

    public async Task<OperationResult<bool>> LiftSuppressionAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Privacy.RequestsManage))
        {
            return OperationResult<bool>.Forbidden("Your role cannot handle privacy requests.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var suppression = await db.Set<Suppression>().SingleOrDefaultAsync(s => s.Id == id && s.LiftedAt == null, cancellationToken);
        if (suppression is null)
        {
            return OperationResult<bool>.NotFound();
        }

        suppression.LiftedAt = timeProvider.GetUtcNow();
        var entry = AuditActor.For(access, AuditActions.SuppressionLifted);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("suppression", id.ToString(), $"Lifted the suppression of {suppression.MaskedValue}");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        suppressions.Changed();
        return OperationResult<bool>.Ok(true);
    }

    private static PrivacyRequestDto ToDto(PrivacyRequest r) => new(
        r.Id, Camel(r.Kind.ToString()), Camel(r.IdentifierKind.ToString()), r.IdentifierMasked, Camel(r.Status.ToString()), r.RequestedAt, r.CompletedAt,
        JsonDocument.Parse(r.ReportJson).RootElement.Clone(), r.Failure, r.ResultJson is not null);

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
