using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CrmCdp.Web.Modules.Cdp.Segments;
using CrmCdp.Web.Platform.Audit;
using CrmCdp.Web.Platform.ContactPoints;
using CsvHelper;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Destinations;

internal sealed record AdAudienceResult(long Rows, long WithoutConsent, long WithoutContact);

/// <summary>
/// A segment as the customer-list file an ad platform takes (the ad APIs are not reachable from here): each member who
/// granted the advertising consent category, with their email and phone normalized and SHA-256 hashed, in the column
/// layout of Google Customer Match (<c>Email,Phone</c>; phones in E.164) or a Meta Custom Audience (<c>email,phone</c>;
/// phones as digits with the country code). Built when asked, so it is always current; every download is audited.
/// </summary>
internal sealed class AdAudienceExport(IDbContextFactory<AppDbContext> dbFactory, ContactPointNormalizer normalizer, AuditLog audit)
{
    public const string ConsentCategory = "advertising";

    public static IReadOnlyList<string> Formats { get; } = ["google", "meta"];

    public async Task<AdAudienceResult?> WriteAsync(AccessContext access, Guid segmentId, string format, Stream output, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var segment = await db.Set<Segment>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == segmentId, cancellationToken);
        if (segment is null || !access.Has(Permissions.Cdp.SegmentsExport))
        {
            return null;
        }

        var google = format == "google";
        await using var writer = new StreamWriter(output, leaveOpen: true);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        csv.WriteField(google ? "Email" : "email");
        csv.WriteField(google ? "Phone" : "phone");
        await csv.NextRecordAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT p.consent::text,
                   (SELECT i.value FROM cdp_identifiers i WHERE i.profile_id = p.id AND i.type = 'email' ORDER BY i.first_seen_at LIMIT 1),
                   coalesce((SELECT i.value FROM cdp_identifiers i WHERE i.profile_id = p.id AND i.type = 'phone' ORDER BY i.first_seen_at LIMIT 1), p.traits ->> 'phone')
            FROM cdp_segment_members m JOIN cdp_profiles p ON p.id = m.profile_id
            WHERE m.segment_id = @segment ORDER BY m.entered_at, m.profile_id
            """, connection);
        command.Parameters.AddWithValue("segment", segmentId);
        long rows = 0, withoutConsent = 0, withoutContact = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (!ConsentGate.Allows(reader.GetString(0), ConsentCategory))
                {
                    withoutConsent++;
                    continue;
                }

                var email = ContactPointNormalizer.NormalizeEmail(reader.IsDBNull(1) ? null : reader.GetString(1));
                var phone = normalizer.NormalizePhone(reader.IsDBNull(2) ? null : reader.GetString(2));
                if (email is null && phone is null)
                {
                    withoutContact++;
                    continue;
                }

                csv.WriteField(Hash(email));
                csv.WriteField(Hash(google ? phone : phone?.TrimStart('+')));
                await csv.NextRecordAsync();
                rows++;
            }
        }

        await csv.FlushAsync();
        var entry = AuditActor.For(access, AuditActions.SegmentExported);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("segment", segmentId.ToString(),
            $"Downloaded {segment.Name} as a {format} customer list: {rows:N0} hashed members; {withoutConsent:N0} left out without {ConsentCategory} consent, {withoutContact:N0} without an email or phone");
        await audit.WriteAsync(entry, CancellationToken.None);
        return new AdAudienceResult(rows, withoutConsent, withoutContact);
    }

    public static string? Hash(string? normalized) => normalized is null ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
}
