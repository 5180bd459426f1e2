using System.Globalization;
using CrmCdp.Web.Modules.Cdp.Profiles;
using CrmCdp.Web.Platform.Audit;
using CsvHelper;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Segments;

internal sealed record SegmentExportResult(long Rows, long WithoutConsent);

/// <summary>
/// Streams a segment's members as CSV. Members who have not granted the segment's consent category are left out and
/// counted; emails are masked for exporters without "view PII"; the export is audited with both counts.
/// </summary>
internal sealed class SegmentExport(ReadReplica readReplica, AuditLog audit)
{
    public static readonly string[] Headers = ["profileId", "enteredAt", "contactId", "userId", "email", "lastSeenAt", "eventCount"];

    public async Task<SegmentExportResult?> WriteAsync(AccessContext access, Guid segmentId, Stream output, CancellationToken cancellationToken = default)
    {
        await using var db = await readReplica.CreateDbContextAsync(cancellationToken);
        var segment = await db.Set<Segment>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == segmentId, cancellationToken);
        if (segment is null)
        {
            return null;
        }

        var seesPii = access.Has(Permissions.Privacy.PiiView);
        await using var writer = new StreamWriter(output, leaveOpen: true);
        var configuration = new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = CsvHelper.Configuration.InjectionOptions.Escape };
        await using var csv = new CsvWriter(writer, configuration, leaveOpen: true);
        foreach (var header in Headers)
        {
            csv.WriteField(header);
        }

        await csv.NextRecordAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT m.profile_id, m.entered_at, p.contact_id, p.consent::text, p.last_seen_at, p.event_count,
                   (SELECT i.value FROM cdp_identifiers i WHERE i.profile_id = p.id AND i.type = 'user_id' ORDER BY i.first_seen_at LIMIT 1),
                   (SELECT i.value FROM cdp_identifiers i WHERE i.profile_id = p.id AND i.type = 'email' ORDER BY i.first_seen_at LIMIT 1)
            FROM cdp_segment_members m JOIN cdp_profiles p ON p.id = m.profile_id
            WHERE m.segment_id = @segment ORDER BY m.entered_at, m.profile_id
            """, connection);
        command.Parameters.AddWithValue("segment", segmentId);
        long rows = 0, withoutConsent = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (!ConsentGate.Allows(reader.GetString(3), segment.ConsentCategory))
                {
                    withoutConsent++;
                    continue;
                }

                var email = reader.IsDBNull(7) ? null : reader.GetString(7);
                foreach (var value in new object?[]
                {
                    reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1).ToString("O"), reader.IsDBNull(2) ? null : reader.GetGuid(2),
                    reader.IsDBNull(6) ? null : reader.GetString(6), email is null || seesPii ? email : ProfilePii.Mask("email", email),
                    reader.GetFieldValue<DateTimeOffset>(4).ToString("O"), reader.GetInt64(5),
                })
                {
                    csv.WriteField(value);
                }

                await csv.NextRecordAsync();
                rows++;
            }
        }

        await csv.FlushAsync();
        var entry = AuditActor.For(access, AuditActions.SegmentExported);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("segment", segmentId.ToString(),
            $"Exported {rows:N0} members of {segment.Name}" + (segment.ConsentCategory is null ? "" : $"; {withoutConsent:N0} left out without {segment.ConsentCategory} consent"));
        await audit.WriteAsync(entry, CancellationToken.None);
        return new SegmentExportResult(rows, withoutConsent);
    }
}
