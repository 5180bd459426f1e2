using System.Text;
using Npgsql;

namespace CrmCdp.Web.Platform.Privacy;

/// <summary>
/// The last step of an erasure: replaces the person's values in every text, JSON, array and file column of
/// every table (notes that mention an email, stored import files, audit entries, job arguments), so no row
/// keeps them. Runs in the erasure's transaction, which also allows redacting audit entries.
/// </summary>
internal static class PersonalDataScrubber
{
    public const string Replacement = "[erased]";

    public static async Task<Dictionary<string, int>> ScrubAsync(AppDbContext db, IReadOnlyCollection<string> values, CancellationToken cancellationToken)
    {
        var scrubbed = new Dictionary<string, int>(StringComparer.Ordinal);
        var pattern = Pattern(values);
        if (pattern is null)
        {
            return scrubbed;
        }

        await db.Database.ExecuteSqlRawAsync("SET LOCAL crmcdp.audit_redaction = 'on'", cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var columns = await TextColumnsAsync(connection, cancellationToken);
        foreach (var table in columns.GroupBy(c => (c.Schema, c.Table)))
        {
            var sets = string.Join(", ", table.Select(c => $"{Quote(c.Column)} = {Replace(c)}"));
            var where = string.Join(" OR ", table.Select(Matches));
            var sql = $"UPDATE {Quote(table.Key.Schema)}.{Quote(table.Key.Table)} SET {sets} WHERE {where}";
            var changed = await db.Database.ExecuteSqlRawAsync(sql, [new NpgsqlParameter("pattern", pattern), new NpgsqlParameter("replacement", Replacement)], cancellationToken);
            if (changed > 0)
            {
                scrubbed[$"{table.Key.Schema}.{table.Key.Table}"] = changed;
            }
        }

        return scrubbed;
    }

    /// <summary>A case-insensitive regular expression matching any of the values, each escaped.</summary>
    internal static string? Pattern(IEnumerable<string> values)
    {
        var parts = values.Where(v => v.Trim().Length >= 3).Select(v => Escape(v.Trim())).Distinct().ToList();
        return parts.Count == 0 ? null : $"({string.Join("|", parts)})";
    }

    private static string Escape(string value)
    {
        var escaped = new StringBuilder();
        foreach (var c in value)
        {
            if (@"\.^$|?*+()[]{}-".Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    // Files (bytea) are read through encode(…, 'escape'), which never fails on bytes that are not UTF-8.
    private static string Matches(ColumnInfo c) => c.Kind switch
    {
        ColumnKind.Bytea => $"encode({Quote(c.Column)}, 'escape') ~* @pattern",
        _ => $"{Quote(c.Column)}::text ~* @pattern",
    };

    private static string Replace(ColumnInfo c)
    {
        var column = Quote(c.Column);
        return c.Kind switch
        {
            ColumnKind.Text => $"regexp_replace({column}, @pattern, @replacement, 'gi')",
            ColumnKind.Json => $"regexp_replace({column}::text, @pattern, @replacement, 'gi')::{c.DataType}",
            ColumnKind.TextArray => $"string_to_array(regexp_replace(array_to_string({column}, chr(31)), @pattern, @replacement, 'gi'), chr(31))",
            // A stored file that mentions the person (an import, an export) is emptied; its report stays.
            _ => $"CASE WHEN encode({column}, 'escape') ~* @pattern THEN ''::bytea ELSE {column} END",
        };
    }

    private static async Task<List<ColumnInfo>> TextColumnsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT c.table_schema, c.table_name, c.column_name, c.data_type, c.udt_name
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema')
              AND (c.data_type IN ('text', 'character varying', 'json', 'jsonb', 'bytea') OR c.udt_name IN ('_text', '_varchar'))
              AND c.table_name NOT IN ('platform_data_protection_keys', 'admin_user_sessions')
            ORDER BY c.table_schema, c.table_name, c.ordinal_position
            """;
        var columns = new List<ColumnInfo>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var dataType = reader.GetString(3);
            var kind = dataType switch
            {
                "json" or "jsonb" => ColumnKind.Json,
                "bytea" => ColumnKind.Bytea,
                "ARRAY" => ColumnKind.TextArray,
                _ => ColumnKind.Text,
            };
            columns.Add(new ColumnInfo(reader.GetString(0), reader.GetString(1), reader.GetString(2), dataType, kind));
        }

        return columns;
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private enum ColumnKind
    {
        Text,
        Json,
        TextArray,
        Bytea,
    }

    private sealed record ColumnInfo(string Schema, string Table, string Column, string DataType, ColumnKind Kind);
}
