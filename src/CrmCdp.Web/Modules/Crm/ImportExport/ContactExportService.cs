using System.Globalization;
using CrmCdp.Web.Modules.Crm.Contacts;
using CrmCdp.Web.Platform.Audit;
using CsvHelper;

namespace CrmCdp.Web.Modules.Crm.ImportExport;

/// <summary>
/// Streams the contacts of a list view (its filters and columns) as CSV, a page at a time, so an export
/// of a million rows never holds more than one page in memory.
/// </summary>
internal sealed class ContactExportService(ContactQueries queries, AuditLog audit)
{
    private const int BatchSize = 1000;

    public async Task<int> WriteAsync(AccessContext access, ContactFilter filter, string? columns, Stream output, CancellationToken cancellationToken = default)
    {
        var chosen = ContactCsvColumns.Select(columns);
        await using var writer = new StreamWriter(output, leaveOpen: true);
        // Values starting with = + - @ are escaped so a spreadsheet never runs them as formulas.
        var configuration = new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = CsvHelper.Configuration.InjectionOptions.Escape };
        await using var csv = new CsvWriter(writer, configuration, leaveOpen: true);
        foreach (var (header, _) in chosen)
        {
            csv.WriteField(header);
        }

        await csv.NextRecordAsync();
        var rows = 0;
        string? cursor = null;
        do
        {
            var page = await queries.ListAsync(access, filter, cursor, BatchSize, cancellationToken);
            foreach (var contact in page.Items)
            {
                foreach (var (_, value) in chosen)
                {
                    csv.WriteField(value(contact));
                }

                await csv.NextRecordAsync();
                rows++;
            }

            await csv.FlushAsync();
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        var entry = AuditActor.For(access, AuditActions.Export);
        entry.RecordType = "contact";
        entry.Summary = $"Exported {rows:N0} contacts";
        entry.After = System.Text.Json.JsonSerializer.Serialize(new { filter.Search, filter.OwnerId, filter.CompanyId, filter.Tag, filter.LifecycleStage, columns });
        await audit.WriteAsync(entry, CancellationToken.None);
        return rows;
    }
}
