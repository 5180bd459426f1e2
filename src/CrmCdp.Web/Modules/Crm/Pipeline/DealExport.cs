using System.Globalization;
using CrmCdp.Web.Platform.Audit;
using CsvHelper;

namespace CrmCdp.Web.Modules.Crm.Pipeline;

/// <summary>Streams the deals of a list view as CSV (formula injection escaped), and audits the export.</summary>
internal sealed class DealExport(DealBoard board, AuditLog audit)
{
    public async Task<int> WriteAsync(AccessContext access, DealFilter filter, string? outcome, Stream output, CancellationToken cancellationToken = default)
    {
        await using var writer = new StreamWriter(output, leaveOpen: true);
        var configuration = new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = CsvHelper.Configuration.InjectionOptions.Escape };
        await using var csv = new CsvWriter(writer, configuration, leaveOpen: true);
        string[] headers = ["id", "name", "amount", "currency", "pipeline", "stage", "probability", "outcome", "lostReason", "expectedCloseDate", "owner", "createdAt", "closedAt"];
        foreach (var header in headers)
        {
            csv.WriteField(header);
        }

        await csv.NextRecordAsync();
        var rows = 0;
        await foreach (var d in board.StreamAsync(access, filter, outcome, cancellationToken))
        {
            foreach (var value in new object?[] { d.Id, d.Name, d.Amount, d.Currency, d.PipelineName, d.StageName, d.Probability, d.Outcome, d.LostReason, d.ExpectedCloseDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.OwnerName, d.CreatedAt.ToString("O"), d.ClosedAt?.ToString("O") })
            {
                csv.WriteField(value);
            }

            await csv.NextRecordAsync();
            rows++;
        }

        await csv.FlushAsync();
        var entry = AuditActor.For(access, AuditActions.Export);
        (entry.RecordType, entry.Summary) = ("deal", $"Exported {rows:N0} deals");
        await audit.WriteAsync(entry, CancellationToken.None);
        return rows;
    }
}
