using Npgsql;

namespace CrmCdp.Web.Modules.Cdp.Insights;

/// <summary>
/// The funnel's people, step by step, as SQL common table expressions: <c>s0</c> holds each person's entry (their first
/// step-one event in the range), <c>sN</c> their first step N after step N-1 within the window from the entry. The
/// counts and the people lists both read these, so they always agree.
/// </summary>
internal sealed class FunnelSql
{
    private readonly List<InsightEventRows> _compiled;
    private readonly FunnelRequest _request;
    private readonly TimeSpan _window;

    public FunnelSql(FunnelRequest request)
    {
        _request = request;
        _window = InsightBuckets.Window(request.Window)!.Value;
        _compiled = [.. request.Steps!.Select((s, i) => InsightEventRows.Compile(s.Event!, s.Where, $"s{i}", withProfile: true, withProperties: i == 0 && request.Breakdown?.Property is not null))];
        // Each person carries the breakdown value of their entry (bv) through the steps.
        var breakdown = request.Breakdown switch
        {
            { Property: not null } => "pe.properties #>> @breakdown",
            { Trait: not null } => "(SELECT p.traits #>> @breakdown FROM cdp_profiles p WHERE p.id = pe.profile_id)",
            _ => "NULL::text",
        };
        var ctes = new List<string>
        {
            $"""
            s0 AS (SELECT DISTINCT ON (pe.profile_id) pe.profile_id, pe."timestamp" AS t0, pe."timestamp" AS t, pe.id AS eid, {breakdown} AS bv
                FROM ({_compiled[0].Sql}) pe WHERE pe.profile_id IS NOT NULL AND pe."timestamp" < @entry_to
                ORDER BY pe.profile_id, pe."timestamp", pe.id)
            """,
        };
        for (var i = 1; i < _compiled.Count; i++)
        {
            // Events at the same moment count in the order they arrived (their ids). Only the first step must start in the
            // range; later ones may fall up to a window after its end.
            ctes.Add($"""
                s{i} AS (SELECT DISTINCT ON (p.profile_id) p.profile_id, p.t0, pe."timestamp" AS t, pe.id AS eid, pe."timestamp" - p.t AS took, p.bv
                    FROM s{i - 1} p JOIN ({_compiled[i].Sql}) pe ON pe.profile_id = p.profile_id AND (pe."timestamp", pe.id) > (p.t, p.eid) AND pe."timestamp" <= p.t0 + @window
                    ORDER BY p.profile_id, pe."timestamp", pe.id)
                """);
        }

        With = $"WITH {string.Join(",\n", ctes)}\n";
    }

    /// <summary>The common table expressions s0 … sN, to put before a query over them.</summary>
    public string With { get; }

    public int StepCount => _compiled.Count;

    /// <summary>The people of a step: those who reached it (converted) or who reached the step before and not it (dropped), with when they entered.</summary>
    public static string People(int step, bool dropped) => dropped
        ? $"SELECT p.profile_id, p.t0 FROM s{step - 1} p WHERE NOT EXISTS (SELECT 1 FROM s{step} r WHERE r.profile_id = p.profile_id)"
        : $"SELECT p.profile_id, p.t0 FROM s{step} p";

    public NpgsqlCommand Command(string sql, NpgsqlConnection connection)
    {
        var command = new NpgsqlCommand(With + sql, connection) { CommandTimeout = InsightAccess.TimeLimitSeconds };
        foreach (var rows in _compiled)
        {
            rows.AddTo(command);
        }

        command.Parameters.AddWithValue("from", _request.From!.Value);
        command.Parameters.AddWithValue("entry_to", _request.To!.Value);
        command.Parameters.AddWithValue("to", _request.To!.Value + _window);
        command.Parameters.AddWithValue("window", _window);
        command.Parameters.AddWithValue("breakdown", (_request.Breakdown?.Property ?? _request.Breakdown?.Trait ?? "").Split('.'));
        return command;
    }
}
