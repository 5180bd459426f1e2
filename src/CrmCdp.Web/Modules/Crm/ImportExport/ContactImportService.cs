using System.Globalization;
using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Platform.Validation;
using CsvHelper;
using FluentValidation;
using Hangfire;
using Npgsql;
using P = CrmCdp.Web.Platform.Auth.Permissions.Crm;

namespace CrmCdp.Web.Modules.Crm.ImportExport;

public sealed record ImportPreviewRow(int Row, IReadOnlyList<string> Values, IReadOnlyList<string> Problems);

public sealed record ImportUpload(Guid Id, string FileName, int TotalRows, IReadOnlyList<string> Headers, IReadOnlyDictionary<string, string> SuggestedMapping);

public sealed record ImportProgress(
    Guid Id, string FileName, ImportStatus Status, int TotalRows, int ProcessedRows, int Created, int Updated, int Skipped,
    IReadOnlyList<ImportRowError> Errors, string? Failure);

/// <summary>Upload, preview and start of contact imports; the rows themselves are processed by <see cref="ContactImportJob"/>.</summary>
internal sealed class ContactImportService(
    IDbContextFactory<AppDbContext> dbFactory, IValidator<ContactInput> validator, IBackgroundJobClient jobs, TimeProvider timeProvider)
{
    public const long MaxFileBytes = 50 * 1024 * 1024;
    private const int PreviewRows = 10;

    /// <summary>Stores the file (streamed through a temp file, never whole in memory) and reads its headers and row count.</summary>
    public async Task<CrmResultOrProblem<ImportUpload>> UploadAsync(AccessContext access, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        if (!access.Has(P.ContactsImport) || access.UserId is not { } userId)
        {
            return CrmResultOrProblem<ImportUpload>.Problem("Your role cannot import contacts.");
        }

        var temp = Path.GetTempFileName();
        try
        {
            await using (var file = File.Create(temp))
            {
                await content.CopyToAsync(file, cancellationToken);
            }

            string[] headers;
            var rows = 0;
            using (var reader = new StreamReader(temp))
            using (var csv = new CsvReader(reader, CultureInfo.InvariantCulture))
            {
                if (!await csv.ReadAsync() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
                {
                    return CrmResultOrProblem<ImportUpload>.Problem("The file has no header row. The first line must name the columns.");
                }

                headers = header;
                while (await csv.ReadAsync())
                {
                    rows++;
                }
            }

            var id = Guid.CreateVersion7();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await connection.OpenAsync(cancellationToken);
            await using (var insert = new NpgsqlCommand(
                "INSERT INTO crm_contact_imports (id, user_id, file_name, content, mapping_json, mode, status, total_rows, processed_rows, created, updated, skipped, errors_json, created_at) " +
                "VALUES (@id, @user, @name, @content, @mapping::jsonb, 'CreateOrUpdate', 'Uploaded', @rows, 0, 0, 0, 0, '[]'::jsonb, @now)", connection))
            await using (var file = File.OpenRead(temp))
            {
                var mapping = headers.Distinct().ToDictionary(h => h, ContactImportFields.AutoMatch);
                insert.Parameters.AddWithValue("id", id);
                insert.Parameters.AddWithValue("user", userId);
                insert.Parameters.AddWithValue("name", Path.GetFileName(fileName));
                insert.Parameters.AddWithValue("content", file);
                insert.Parameters.AddWithValue("mapping", System.Text.Json.JsonSerializer.Serialize(mapping));
                insert.Parameters.AddWithValue("rows", rows);
                insert.Parameters.AddWithValue("now", timeProvider.GetUtcNow());
                await insert.ExecuteNonQueryAsync(cancellationToken);
                return CrmResultOrProblem<ImportUpload>.Ok(new ImportUpload(id, Path.GetFileName(fileName), rows, headers, mapping));
            }
        }
        catch (CsvHelperException ex)
        {
            return CrmResultOrProblem<ImportUpload>.Problem($"The file is not a readable CSV: {ex.Message.Split('\n')[0]}");
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>The first rows as the mapping reads them, each with the problems the import would report.</summary>
    public async Task<IReadOnlyList<ImportPreviewRow>> PreviewAsync(AccessContext access, Guid importId, IReadOnlyDictionary<string, string> mapping, CancellationToken cancellationToken = default)
    {
        if (!await IsOwnImportAsync(access, importId, cancellationToken))
        {
            return [];
        }

        var preview = new List<ImportPreviewRow>();
        await foreach (var (row, record) in ReadRowsAsync(importId, cancellationToken))
        {
            var (input, _) = ContactImportRows.ToInput(mapping, h => record.GetValueOrDefault(h));
            var problems = ValidationErrors.ByField(await validator.ValidateAsync(input, cancellationToken)).SelectMany(e => e.Value).ToList();
            preview.Add(new ImportPreviewRow(row, [.. record.Values], problems));
            if (preview.Count == PreviewRows)
            {
                break;
            }
        }

        return preview;
    }

    /// <returns>false when there is no such upload of the caller's waiting to start.</returns>
    public async Task<bool> StartAsync(AccessContext access, Guid importId, IReadOnlyDictionary<string, string> mapping, ImportMode mode, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var import = await db.Set<ContactImport>().SingleOrDefaultAsync(i => i.Id == importId && i.UserId == access.UserId, cancellationToken);
        if (import is not { Status: ImportStatus.Uploaded })
        {
            return false;
        }

        import.Mapping = new Dictionary<string, string>(mapping);
        import.Mode = mode;
        import.Status = ImportStatus.Queued;
        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<ContactImportJob>(job => job.RunAsync(importId, CancellationToken.None));
        return true;
    }

    public async Task<ImportProgress?> ProgressAsync(AccessContext access, Guid importId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<ContactImport>().Where(i => i.Id == importId && i.UserId == access.UserId)
            .Select(i => new { i.Id, i.FileName, i.Status, i.TotalRows, i.ProcessedRows, i.Created, i.Updated, i.Skipped, i.ErrorsJson, i.Failure })
            .AsNoTracking().SingleOrDefaultAsync(cancellationToken) is { } i
            ? new ImportProgress(i.Id, i.FileName, i.Status, i.TotalRows, i.ProcessedRows, i.Created, i.Updated, i.Skipped,
                System.Text.Json.JsonSerializer.Deserialize<List<ImportRowError>>(i.ErrorsJson) ?? [], i.Failure)
            : null;
    }

    private async Task<bool> IsOwnImportAsync(AccessContext access, Guid importId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return access.Has(P.ContactsImport) && await db.Set<ContactImport>().AnyAsync(i => i.Id == importId && i.UserId == access.UserId, cancellationToken);
    }

    /// <summary>Streams the stored file row by row (1-based data row numbers, header excluded).</summary>
    [SystemAccess("The import job reads the file its owner uploaded and started; the preview checks the owner first.")]
    public async IAsyncEnumerable<(int Row, Dictionary<string, string> Record)> ReadRowsAsync(
        Guid importId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var select = new NpgsqlCommand("SELECT content FROM crm_contact_imports WHERE id = @id", connection);
        select.Parameters.AddWithValue("id", importId);
        await using var reader = await select.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            yield break;
        }

        await using var stream = await reader.GetStreamAsync(0, cancellationToken);
        using var text = new StreamReader(stream);
        using var csv = new CsvReader(text, CultureInfo.InvariantCulture);
        await csv.ReadAsync();
        csv.ReadHeader();
        var headers = csv.HeaderRecord ?? [];
        var row = 0;
        while (await csv.ReadAsync())
        {
            row++;
            var record = new Dictionary<string, string>();
            for (var i = 0; i < headers.Length; i++)
            {
                record.TryAdd(headers[i], csv.TryGetField<string>(i, out var value) ? value ?? "" : "");
            }

            yield return (row, record);
        }
    }
}

/// <summary>A value or a message saying why not, for steps that have no field to blame.</summary>
internal sealed record CrmResultOrProblem<T>(T? Value, string? Message)
{
    public static CrmResultOrProblem<T> Ok(T value) => new(value, null);

    public static CrmResultOrProblem<T> Problem(string message) => new(default, message);
}
