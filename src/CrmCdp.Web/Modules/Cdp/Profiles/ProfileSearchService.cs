using System.Text;
using CrmCdp.Web.Modules.Cdp.Identity;
using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Profiles;

/// <summary>One row of the profile explorer: the profile's most trusted identifier (masked without "view PII"), activity and recency.</summary>
public sealed record ProfileSummaryDto(Guid Id, string? MainIdentifierType, string? MainIdentifier, long EventCount, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt);

public sealed record ProfileSearchPage(IReadOnlyList<ProfileSummaryDto> Items, string? NextCursor);

/// <summary>
/// The profile explorer's search: an exact identifier (type and value, normalized like a lookup), or free text matching
/// the start of any identifier value or any top-level trait value; without either, the most recently seen profiles. Keyset pages.
/// </summary>
internal sealed class ProfileSearchService(IDbContextFactory<AppDbContext> dbFactory, ProfileQueries profiles, IdentityRulesProvider rulesProvider)
{
    public const int PageSize = 50;

    private const string TextFilterSql = """
        AND (p.id IN (SELECT i.profile_id FROM cdp_identifiers i WHERE i.value ILIKE @prefix ESCAPE '\')
             OR EXISTS (SELECT 1 FROM jsonb_each_text(p.traits) t WHERE t.value ILIKE @contains ESCAPE '\'))
        """;

    public async Task<OperationResult<ProfileSearchPage>> FindAsync(AccessContext access, string? type, string? value, CancellationToken cancellationToken = default)
    {
        var found = await profiles.LookupAsync(access, type, value, cancellationToken);
        return found.Outcome switch
        {
            OperationOutcome.Ok => OperationResult<ProfileSearchPage>.Ok(new ProfileSearchPage([Summary(found.Value!)], null)),
            OperationOutcome.NotFound => OperationResult<ProfileSearchPage>.Ok(new ProfileSearchPage([], null)),
            _ => found.As<ProfileSearchPage>(),
        };
    }

    public async Task<ProfileSearchPage> SearchAsync(AccessContext access, string? text, string? cursor, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.ProfilesRead))
        {
            return new ProfileSearchPage([], null);
        }

        var seesPii = ProfileAccess.SeesPii(access);
        var term = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        var after = cursor is null ? null : ReadCursor(cursor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        var rows = new List<(Guid Id, long Events, DateTimeOffset First, DateTimeOffset Last)>();
        await using (var command = new NpgsqlCommand($"""
            SELECT p.id, p.event_count, p.first_seen_at, p.last_seen_at
            FROM cdp_profiles p
            WHERE p.merged_into_id IS NULL
            {(term is null ? "" : TextFilterSql)}
            {(after is null ? "" : "AND (p.last_seen_at, p.id) < (@at, @id)")}
            ORDER BY p.last_seen_at DESC, p.id DESC
            LIMIT @limit
            """, connection))
        {
            command.Parameters.AddWithValue("limit", PageSize + 1);
            if (term is not null)
            {
                command.Parameters.AddWithValue("prefix", EscapeLike(term) + "%");
                command.Parameters.AddWithValue("contains", "%" + EscapeLike(term) + "%");
            }

            if (after is { } position)
            {
                command.Parameters.AddWithValue("at", position.At);
                command.Parameters.AddWithValue("id", position.Id);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetGuid(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3)));
            }
        }

        var page = rows.Take(PageSize).ToList();
        var ids = page.Select(r => r.Id).ToList();
        var identifiers = await db.Set<ProfileIdentifier>().AsNoTracking().Where(i => ids.Contains(i.ProfileId))
            .Select(i => new { i.ProfileId, i.Type, i.Value, i.FirstSeenAt }).ToListAsync(cancellationToken);
        var rules = await rulesProvider.CurrentAsync(cancellationToken);
        var main = identifiers.GroupBy(i => i.ProfileId)
            .ToDictionary(g => g.Key, g => g.OrderBy(i => rules.Rank(i.Type)).ThenBy(i => i.FirstSeenAt).First());
        var items = page.Select(r => main.TryGetValue(r.Id, out var best)
                ? new ProfileSummaryDto(r.Id, best.Type, seesPii ? best.Value : ProfilePii.Mask(best.Type, best.Value), r.Events, r.First, r.Last)
                : new ProfileSummaryDto(r.Id, null, null, r.Events, r.First, r.Last))
            .ToList();
        var next = rows.Count > PageSize ? Cursor(page[^1].Last, page[^1].Id) : null;
        return new ProfileSearchPage(items, next);
    }

    private static ProfileSummaryDto Summary(ProfileDto profile)
    {
        var main = profile.Identifiers.Count > 0 ? profile.Identifiers[0] : null;
        return new ProfileSummaryDto(profile.Id, main?.Type, main?.Value, profile.EventCount, profile.FirstSeenAt, profile.LastSeenAt);
    }

    private static string EscapeLike(string term) => term.Replace(@"\", @"\\", StringComparison.Ordinal)
        .Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    private static string Cursor(DateTimeOffset at, Guid id) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{at.UtcTicks}:{id:N}"));

    private static (DateTimeOffset At, Guid Id)? ReadCursor(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split(':');
            return parts.Length == 2 && long.TryParse(parts[0], out var ticks) && ticks is > 0 and < 3155378975999999999 && Guid.TryParse(parts[1], out var id)
                ? (new DateTimeOffset(ticks, TimeSpan.Zero), id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
