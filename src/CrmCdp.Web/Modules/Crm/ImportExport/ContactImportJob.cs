using System.Security.Claims;
using CrmCdp.Web.Modules.Crm.Companies;
using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Platform.Audit;
using CrmCdp.Web.Platform.ContactPoints;
using Hangfire;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.ImportExport;

/// <summary>
/// Imports the stored CSV row by row (streamed, so a 100,000-row file never sits in memory), with the
/// same validation and scope checks as the contact form, and reports progress every few hundred rows.
/// </summary>
internal sealed partial class ContactImportJob(
    IDbContextFactory<AppDbContext> dbFactory,
    ContactImportService imports,
    ContactService contacts,
    ContactQueries queries,
    CompanyByName companiesByName,
    AccessContextFactory accessFactory,
    AuditLog audit,
    TimeProvider timeProvider,
    ILogger<ContactImportJob> logger)
{
    private const int ProgressEvery = 200;

    [SystemAccess("A background job working for the user who started it; it builds that user's access itself.")]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid importId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The file itself is never loaded here: rows are streamed from the database by ReadRowsAsync.
        var import = await db.Set<ContactImport>().Where(i => i.Id == importId)
            .Select(i => new ContactImport { Id = i.Id, UserId = i.UserId, MappingJson = i.MappingJson, Mode = i.Mode, Status = i.Status, TotalRows = i.TotalRows })
            .SingleOrDefaultAsync(cancellationToken);
        if (import is null || import.Status is ImportStatus.Running or ImportStatus.Completed)
        {
            return;
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, import.UserId.ToString())], "import"));
        // Importing reaches only as far as the import permission does, whatever the create and edit scopes are.
        var access = (await accessFactory.CreateAsync(principal, cancellationToken))
            .NarrowedTo(P.ContactsImport, P.ContactsCreate)
            .NarrowedTo(P.ContactsImport, P.ContactsEdit);
        var mapping = import.Mapping;
        var errors = new List<ImportRowError>();
        var companyIds = new Dictionary<string, Guid?>(StringComparer.OrdinalIgnoreCase);
        db.Attach(import);
        import.Status = ImportStatus.Running;
        import.StartedAt = timeProvider.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);

        try
        {
            await foreach (var (row, record) in imports.ReadRowsAsync(importId, cancellationToken))
            {
                var outcome = await ImportRowAsync(access, import.Mode, mapping, record, companyIds, cancellationToken);
                switch (outcome.Kind)
                {
                    case RowKind.Created: import.Created++; break;
                    case RowKind.Updated: import.Updated++; break;
                    default:
                        import.Skipped++;
                        if (errors.Count < ContactImport.MaxReportedErrors)
                        {
                            errors.Add(new ImportRowError(row, outcome.Message ?? "Skipped."));
                        }

                        break;
                }

                import.ProcessedRows = row;
                if (row % ProgressEvery == 0)
                {
                    import.Errors = errors;
                    await db.SaveChangesAsync(cancellationToken);
                }
            }

            import.Status = ImportStatus.Completed;
        }
#pragma warning disable CA1031 // Any failure must end in a visible "failed" report rather than a job stuck in "running".
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogFailed(logger, ex, importId);
            import.Status = ImportStatus.Failed;
            import.Failure = "The import stopped unexpectedly; rows before the failure were imported. " + ex.Message;
        }

        import.Errors = errors;
        import.FinishedAt = timeProvider.GetUtcNow();
        var entry = AuditActor.For(access, AuditActions.Import);
        (entry.RecordType, entry.RecordId) = ("contactImport", import.Id.ToString());
        entry.Summary = $"Contact import {import.Status.ToString().ToLowerInvariant()}: {import.Created:N0} created, {import.Updated:N0} updated, {import.Skipped:N0} skipped";
        audit.Add(db, entry);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private async Task<RowOutcome> ImportRowAsync(
        AccessContext access, ImportMode mode, IReadOnlyDictionary<string, string> mapping, Dictionary<string, string> record,
        Dictionary<string, Guid?> companyIds, CancellationToken cancellationToken)
    {
        var (fresh, companyName) = ContactImportRows.ToInput(mapping, h => record.GetValueOrDefault(h));
        var email = ContactPointNormalizer.NormalizeEmail(fresh.Email);
        var existingId = email is null ? null : await queries.FindIdByEmailAsync(access, P.ContactsEdit, email, cancellationToken);
        var existing = existingId is { } id ? (await contacts.GetAsync(access, id, cancellationToken)).Value : null;
        if (existing is not null && mode == ImportMode.Create)
        {
            return new(RowKind.Skipped, $"A contact with {email} already exists.");
        }

        if (existing is null && mode == ImportMode.Update)
        {
            return new(RowKind.Skipped, email is null ? "No email to find the contact to update." : $"No contact with {email} to update.");
        }

        var input = existing is null ? fresh : ContactImportRows.ToInput(mapping, h => record.GetValueOrDefault(h), ContactInput.FromExisting(existing)).Input;
        if (companyName is not null)
        {
            input.CompanyId = await CompanyIdAsync(access, companyName, companyIds, cancellationToken);
        }

        var result = existing is null ? await contacts.CreateAsync(access, input, cancellationToken) : await contacts.UpdateAsync(access, existing.Id, input, cancellationToken);
        return result.Outcome == OperationOutcome.Ok
            ? new(existing is null ? RowKind.Created : RowKind.Updated, null)
            : new(RowKind.Skipped, result.Errors is { Count: > 0 } problems
                ? string.Join(" ", problems.Select(p => $"{p.Key}: {string.Join(" ", p.Value)}"))
                : result.Message);
    }

    /// <summary>Finds a visible company by exact name, or creates it when the user may.</summary>
    private async Task<Guid?> CompanyIdAsync(AccessContext access, string name, Dictionary<string, Guid?> cache, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var id = await companiesByName.FindOrCreateAsync(access, name, cancellationToken);
        cache[name] = id;
        return id;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Contact import {ImportId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid importId);

    private enum RowKind
    {
        Created,
        Updated,
        Skipped,
    }

    private sealed record RowOutcome(RowKind Kind, string? Message);
}
