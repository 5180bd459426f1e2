using System.Text.Json;
using System.Text.Json.Nodes;
using CrmCdp.Web.Platform.Audit;
using CrmCdp.Web.Platform.Privacy;
using Hangfire;
using Microsoft.AspNetCore.DataProtection;

namespace CrmCdp.Web.Modules.Admin.Privacy;

/// <summary>
/// Carries out an access or erase request: asks every module holding personal data (<see cref="IPersonalDataStore"/>),
/// then for erasure anonymises their records and scrubs the values from every table, all in one transaction.
/// </summary>
internal sealed partial class PrivacyRequestJob(
    IDbContextFactory<AppDbContext> dbFactory,
    IEnumerable<IPersonalDataStore> stores,
    IDataProtectionProvider dataProtection,
    AuditLog audit,
    TimeProvider timeProvider,
    ILogger<PrivacyRequestJob> logger)
{
    [SystemAccess("A background job working for the user who started it; it builds that user's access itself.")]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid requestId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.Set<PrivacyRequest>().SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is not { Status: PrivacyRequestStatus.Requested, ProtectedIdentifier: { } protectedValue })
        {
            return;
        }

        request.Status = PrivacyRequestStatus.Running;
        await db.SaveChangesAsync(cancellationToken);
        var person = new PersonIdentifier(request.IdentifierKind, dataProtection.CreateProtector(PrivacyService.ProtectorPurpose).Unprotect(protectedValue));
        try
        {
            var report = request.Kind == PrivacyRequestKind.Access ? await AccessAsync(db, request, person, cancellationToken) : await EraseAsync(person, request.IdentifierHash, cancellationToken);
            request.ReportJson = report.ToJsonString();
            request.Status = PrivacyRequestStatus.Done;
            request.ProtectedIdentifier = null;
        }
#pragma warning disable CA1031 // Any failure must end as a visible "failed" request, not one stuck in "running".
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogFailed(logger, ex, requestId);
            request.Status = PrivacyRequestStatus.Failed;
            request.Failure = ex.Message;
        }

        request.CompletedAt = timeProvider.GetUtcNow();
        audit.Add(db, new AuditEntry
        {
            Action = AuditActions.PrivacyRequestCompleted,
            Actor = "system",
            RecordType = "privacyRequest",
            RecordId = request.Id.ToString(),
            Summary = $"{request.Kind} request for {request.IdentifierMasked}: {request.Status.ToString().ToLowerInvariant()}",
        });
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private async Task<JsonObject> AccessAsync(AppDbContext db, PrivacyRequest request, PersonIdentifier person, CancellationToken cancellationToken)
    {
        var document = new JsonObject
        {
            ["requestId"] = request.Id,
            ["identifier"] = new JsonObject { ["kind"] = request.IdentifierKind.ToString(), ["value"] = person.Value },
            ["generatedAt"] = timeProvider.GetUtcNow(),
        };
        var report = new JsonObject();
        foreach (var store in stores)
        {
            var found = await store.FindAsync(db, person, cancellationToken);
            document[store.Source] = found.Data;
            report[store.Source] = new JsonObject { ["records"] = found.Records };
        }

        request.ResultJson = document.ToJsonString();
        return report;
    }

    private async Task<JsonObject> EraseAsync(PersonIdentifier person, string identifierHash, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var report = new JsonObject();
        var values = new List<string> { person.Value };
        foreach (var store in stores)
        {
            var found = await store.FindAsync(db, person, cancellationToken);
            values.AddRange(found.Values);
            report[store.Source] = new JsonObject { ["anonymised"] = await store.AnonymizeAsync(db, person, cancellationToken) };
        }

        // Earlier access documents about the person are personal data too.
        await db.Set<PrivacyRequest>().Where(r => r.IdentifierHash == identifierHash && r.ResultJson != null)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.ResultJson, (string?)null), cancellationToken);
        var scrubbed = await PersonalDataScrubber.ScrubAsync(db, values, cancellationToken);
        report["scrubbed"] = JsonSerializer.SerializeToNode(scrubbed);
        await transaction.CommitAsync(cancellationToken);
        return report;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Privacy request {RequestId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid requestId);
}
