using System.Security.Claims;
using System.Text.Json;
using CrmCdp.Web.Modules.Crm.Contacts;
using Hangfire;
using Npgsql;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.ImportExport;

/// <summary>Starts background exports, runs them (CSV streamed through a temp file), and serves the result to its requester.</summary>
internal sealed partial class ContactExportJobs(
    IDbContextFactory<AppDbContext> dbFactory,
    ContactExportService exporter,
    AccessContextFactory accessFactory,
    IBackgroundJobClient jobs,
    TimeProvider timeProvider,
    ILogger<ContactExportJobs> logger)
{
    public async Task<ExportDto?> StartAsync(AccessContext access, ContactFilter filter, string? columns, CancellationToken cancellationToken = default)
    {
        // Background exports run with the requesting user's roles, so API keys (whose role may be narrower) use the streamed export.
        if (!access.Has(P.ContactsExport) || access.IsApiKey || access.UserId is not { } userId)
        {
            return null;
        }

        var export = new ContactExport
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            FilterJson = JsonSerializer.Serialize(filter),
            Columns = string.Join(',', ContactCsvColumns.Select(columns).Select(c => c.Header)),
            Status = ExportStatus.Queued,
            CreatedAt = timeProvider.GetUtcNow(),
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Add(export);
        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<ContactExportJobs>(job => job.RunAsync(export.Id, CancellationToken.None));
        return ToDto(export);
    }

    public async Task<IReadOnlyList<ExportDto>> RecentAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<ContactExport>().Where(e => e.UserId == (access.IsApiKey ? null : access.UserId)).OrderByDescending(e => e.CreatedAt).Take(10)
            .Select(e => new ExportDto(e.Id, e.Status, e.Rows, e.CreatedAt, e.FinishedAt, e.Failure)).ToListAsync(cancellationToken);
    }

    public async Task<ExportDto?> GetAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default) =>
        (await RecentQuery(access, id, cancellationToken)) is { } export ? export : null;

    /// <summary>Copies the finished CSV to the response; false when there is no such finished export of the caller's.</summary>
    public async Task<bool> DownloadAsync(AccessContext access, Guid id, Stream output, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var select = new NpgsqlCommand(
            "SELECT content FROM crm_contact_exports WHERE id = @id AND user_id = @user AND status = 'Completed' AND content IS NOT NULL", connection);
        select.Parameters.AddWithValue("id", id);
        select.Parameters.AddWithValue("user", access.IsApiKey ? Guid.Empty : access.UserId ?? Guid.Empty);
        await using var reader = await select.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return false;
        }

        await using var content = await reader.GetStreamAsync(0, cancellationToken);
        await content.CopyToAsync(output, cancellationToken);
        return true;
    }

    [SystemAccess("A background job working for the user who started it; it builds that user's access itself.")]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid exportId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var export = await db.Set<ContactExport>().SingleOrDefaultAsync(e => e.Id == exportId, cancellationToken);
        if (export is null || export.Status != ExportStatus.Queued)
        {
            return;
        }

        export.Status = ExportStatus.Running;
        await db.SaveChangesAsync(cancellationToken);
        var temp = Path.GetTempFileName();
        try
        {
            var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, export.UserId.ToString())], "export"));
            var access = (await accessFactory.CreateAsync(principal, cancellationToken)).NarrowedTo(P.ContactsExport, P.ContactsRead);
            var filter = JsonSerializer.Deserialize<ContactFilter>(export.FilterJson) ?? new ContactFilter();
            int rows;
            await using (var file = File.Create(temp))
            {
                rows = await exporter.WriteAsync(access, filter, export.Columns, file, cancellationToken);
            }

            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await connection.OpenAsync(cancellationToken);
            await using var update = new NpgsqlCommand(
                "UPDATE crm_contact_exports SET content = @content, rows = @rows, status = 'Completed', finished_at = @now WHERE id = @id", connection);
            await using var stream = File.OpenRead(temp);
            update.Parameters.AddWithValue("content", stream);
            update.Parameters.AddWithValue("rows", rows);
            update.Parameters.AddWithValue("now", timeProvider.GetUtcNow());
            update.Parameters.AddWithValue("id", exportId);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
#pragma warning disable CA1031 // A failed export must end in a visible "failed" state, not stay "running".
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogFailed(logger, ex, exportId);
            await db.Set<ContactExport>().Where(e => e.Id == exportId).ExecuteUpdateAsync(set => set
                .SetProperty(e => e.Status, ExportStatus.Failed)
                .SetProperty(e => e.Failure, "The export failed: " + ex.Message)
                .SetProperty(e => e.FinishedAt, timeProvider.GetUtcNow()), CancellationToken.None);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private async Task<ExportDto?> RecentQuery(AccessContext access, Guid id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<ContactExport>().Where(e => e.Id == id && e.UserId == (access.IsApiKey ? null : access.UserId))
            .Select(e => new ExportDto(e.Id, e.Status, e.Rows, e.CreatedAt, e.FinishedAt, e.Failure)).SingleOrDefaultAsync(cancellationToken);
    }

    private static ExportDto ToDto(ContactExport e) => new(e.Id, e.Status, e.Rows, e.CreatedAt, e.FinishedAt, e.Failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Contact export {ExportId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid exportId);
}
