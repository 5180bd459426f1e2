using System.Globalization;
using System.Text;
using CrmCdp.Web.Modules.Cdp.Contracts;
using CrmCdp.Web.Modules.Cdp.Identity;
using CrmCdp.Web.Modules.Cdp.Profiles;
using CrmCdp.Web.Modules.Crm.Contracts;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace CrmCdp.Web.Modules.Cdp.Segments;

internal static class ActivationOutcomes
{
    public const string TaskCreated = "task_created";
    public const string NoContact = "no_contact";
    public const string NoConsent = "no_consent";
}

/// <summary>
/// Turns the entries of activated segments into CRM call tasks for the linked contact's owner: a consumer of the
/// segment change feed. Each entry is handled once (the feed's checkpoint and a unique row per entry, written with the
/// task in one transaction); a profile without a linked contact, or without the segment's consent category, is skipped
/// and the reason kept.
/// </summary>
[SystemAccess("The change feed turns new segment entries into CRM tasks.")]
internal sealed partial class SegmentActivator(ICrmSalesTasks crmTasks, TimeProvider timeProvider, ILogger<SegmentActivator> logger)
    : ISegmentChangeConsumer
{
    public const string IntentScoreKey = "intent_score";

    public string Name => "crm-activation";

    public async Task HandleAsync(AppDbContext db, IReadOnlyList<SegmentChange> changes, CancellationToken cancellationToken)
    {
        var entries = changes.Where(c => c.Kind == "entered").ToList();
        if (entries.Count == 0)
        {
            return;
        }

        // Under the segments' lock, like erasure: a person erased a moment ago is not tasked, and a consent category or
        // task setting changed a moment ago applies to this batch.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SegmentRefresher.RefreshLock})", cancellationToken);
        var segmentIds = entries.Select(e => e.SegmentId).Distinct().ToList();
        var segments = await db.Set<Segment>().AsNoTracking().Where(s => segmentIds.Contains(s.Id) && s.ActivationEnabled).ToDictionaryAsync(s => s.Id, cancellationToken);
        entries = [.. entries.Where(e => segments.TryGetValue(e.SegmentId, out var s) && e.At >= s.ActivationEnabledAt)];
        var changeIds = entries.Select(e => e.Id).ToList();
        var done = await db.Set<SegmentActivation>().Where(a => changeIds.Contains(a.ChangeId)).Select(a => a.ChangeId).ToListAsync(cancellationToken);
        entries = [.. entries.Where(e => !done.Contains(e.Id))];
        var profileIds = entries.Select(e => e.ProfileId).Distinct().ToList();
        var profiles = await db.Set<Profile>().AsNoTracking().Where(p => profileIds.Contains(p.Id))
            .Select(p => new { p.Id, p.ContactId, p.Consent }).ToDictionaryAsync(p => p.Id, cancellationToken);
        var now = timeProvider.GetUtcNow();
        foreach (var entry in entries.Where(e => profiles.ContainsKey(e.ProfileId)))
        {
            var (segment, profile) = (segments[entry.SegmentId], profiles[entry.ProfileId]);
            var activation = new SegmentActivation { ChangeId = entry.Id, SegmentId = segment.Id, ProfileId = entry.ProfileId, At = now };
            if (!ConsentGate.Allows(profile.Consent, segment.ConsentCategory))
            {
                activation.Outcome = ActivationOutcomes.NoConsent;
            }
            else if (profile.ContactId is { } contactId
                && await crmTasks.AddFollowUpAsync(db, contactId, Title(segment), await NotesAsync(db, segment, entry.ProfileId, entry.At, cancellationToken),
                    now.AddDays(segment.TaskDueInDays), SalesTaskOrigins.Activation, cancellationToken: cancellationToken) is { } taskId)
            {
                (activation.Outcome, activation.TaskId) = (ActivationOutcomes.TaskCreated, taskId);
            }
            else
            {
                activation.Outcome = ActivationOutcomes.NoContact;
            }

            db.Add(activation);
        }

        foreach (var (segmentId, count) in entries.CountBy(e => e.SegmentId))
        {
            LogActivated(segments[segmentId].Name, count);
        }
    }

    /// <summary>The segment's title template with the segment filled in; the CRM fills {name} with the contact's name.</summary>
    private static string Title(Segment segment)
    {
        var template = string.IsNullOrWhiteSpace(segment.TaskTitle) ? SegmentService.DefaultTaskTitle : segment.TaskTitle;
        return template.Replace("{segment}", segment.Name, StringComparison.Ordinal);
    }

    /// <summary>Why the rep is calling: the segment, the intent score, and what the person did in the last 7 days.</summary>
    private async Task<string> NotesAsync(AppDbContext db, Segment segment, Guid profileId, DateTimeOffset enteredAt, CancellationToken cancellationToken)
    {
        var notes = new StringBuilder().Append(CultureInfo.InvariantCulture, $"Entered the segment “{segment.Name}” on {enteredAt:yyyy-MM-dd HH:mm} UTC.");
        var score = await db.Set<ProfileComputedValue>().Where(v => v.ProfileId == profileId && v.Key == IntentScoreKey).Select(v => (decimal?)v.Value).SingleOrDefaultAsync(cancellationToken);
        if (score is { } intent)
        {
            notes.Append(CultureInfo.InvariantCulture, $" Intent score: {intent:0.#}.");
        }

        var now = timeProvider.GetUtcNow();
        await using var command = new NpgsqlCommand($"""
            SELECT coalesce(name, type), count(*) FROM ({EventMembership.RowsOfProfiles("@since", "@as_of", "@ids")}) pe GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5
            """, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        command.Parameters.AddWithValue("since", now.AddDays(-7));
        command.Parameters.AddWithValue("as_of", now);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = new[] { profileId } });
        var top = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                top.Add($"{reader.GetString(0)} ×{reader.GetInt64(1)}");
            }
        }

        if (top.Count > 0)
        {
            notes.Append(CultureInfo.InvariantCulture, $" Last 7 days: {string.Join(", ", top)}.");
        }

        return notes.ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Activation of segment {Segment} handled {Count} entries")]
    private partial void LogActivated(string segment, int count);
}
