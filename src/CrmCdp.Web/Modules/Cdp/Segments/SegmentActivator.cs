using System.Globalization;
using System.Text;
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
/// Turns the entries of activated segments into CRM call tasks for the linked contact's owner. Each entry is handled
/// once (a unique row per entry, written with the task in one transaction); a profile without a linked contact, or
/// without the segment's consent category, is skipped and the reason kept.
/// </summary>
[SystemAccess("The minute job turns new segment entries into CRM tasks.")]
internal sealed partial class SegmentActivator(
    IDbContextFactory<AppDbContext> dbFactory, ICrmSalesTasks crmTasks, IdentityRulesProvider rulesProvider, TimeProvider timeProvider, ILogger<SegmentActivator> logger)
{
    public const int BatchSize = 200;
    public const string IntentScoreKey = "intent_score";


    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var segments = await db.Set<Segment>().Where(s => s.ActivationEnabled).Select(s => s.Id).ToListAsync(cancellationToken);
        var handled = 0;
        foreach (var segmentId in segments)
        {
            try
            {
                int done;
                do
                {
                    done = await ActivateBatchAsync(segmentId, cancellationToken);
                    handled += done;
                }
                while (done == BatchSize);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Nothing of the failed batch was written (one transaction); the other segments go on and it is tried again next minute.
                LogActivationFailed(e, segmentId);
            }
        }

        return handled;
    }

    private async Task<int> ActivateBatchAsync(Guid segmentId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SegmentRefresher.RefreshLock})", cancellationToken);
        // Read under the lock: a consent category or task setting changed a moment ago applies to this batch.
        var segment = await db.Set<Segment>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == segmentId && s.ActivationEnabled, cancellationToken);
        if (segment is null)
        {
            return 0;
        }

        var activated = db.Set<SegmentActivation>().Where(a => a.SegmentId == segment.Id).Select(a => a.ChangeId);
        var entries = await (
                from change in db.Set<SegmentMembershipChange>()
                join profile in db.Set<Profile>() on change.ProfileId equals profile.Id
                where change.SegmentId == segment.Id && change.Kind == "entered" && change.At >= segment.ActivationEnabledAt && !activated.Contains(change.Id)
                orderby change.Id
                select new { change.Id, change.ProfileId, change.At, profile.ContactId, profile.Consent })
            .Take(BatchSize).ToListAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        foreach (var entry in entries)
        {
            var activation = new SegmentActivation { ChangeId = entry.Id, SegmentId = segment.Id, ProfileId = entry.ProfileId, At = now };
            if (!ConsentGate.Allows(entry.Consent, segment.ConsentCategory))
            {
                activation.Outcome = ActivationOutcomes.NoConsent;
            }
            else if (entry.ContactId is { } contactId
                && await crmTasks.AddFollowUpAsync(db, contactId, Title(segment), await NotesAsync(db, segment, entry.ProfileId, entry.At, cancellationToken),
                    now.AddDays(segment.TaskDueInDays), cancellationToken) is { } taskId)
            {
                (activation.Outcome, activation.TaskId) = (ActivationOutcomes.TaskCreated, taskId);
            }
            else
            {
                activation.Outcome = ActivationOutcomes.NoContact;
            }

            db.Add(activation);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (entries.Count > 0)
        {
            LogActivated(segment.Name, entries.Count);
        }

        return entries.Count;
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
            SELECT coalesce(name, type), count(*) FROM ({EventMembership.RowsOfProfiles("@since", "@as_of", "@blocked", "@ids")}) pe GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5
            """, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        command.Parameters.AddWithValue("since", now.AddDays(-7));
        command.Parameters.AddWithValue("as_of", now);
        command.Parameters.Add(new NpgsqlParameter("blocked", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (await rulesProvider.CurrentAsync(cancellationToken)).BlockedValues.Select(v => v.ToLowerInvariant()).ToArray() });
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Activating entries of segment {SegmentId} failed; the other segments went on")]
    private partial void LogActivationFailed(Exception exception, Guid segmentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Activation of segment {Segment} handled {Count} entries")]
    private partial void LogActivated(string segment, int count);
}
