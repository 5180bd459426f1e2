using CrmCdp.Web.Modules.Cdp.Contracts;
using CrmCdp.Web.Platform.Jobs;
using Hangfire;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

/// <summary>
/// Enrols the members of a schedule-triggered journey's segment when its time comes (once, daily or weekly), every minute
/// through Hangfire. Each journey's last enrolled occurrence is its checkpoint (<c>journeys:schedule:{id}</c>), moved with
/// the enrolments; only the latest due occurrence runs (days missed while the app was down are not replayed), and none
/// from before the version was published.
/// </summary>
[SystemAccess("Enrols people into journeys a marketer published, at the times they chose.")]
internal sealed class JourneyScheduleJob(
    IDbContextFactory<AppDbContext> dbFactory, JourneyVersions versions, ICdpProfilesForMarketing profiles, JourneyWakeUp wakeUp, TimeProvider timeProvider)
    : IRecurringJobDefinition
{
    public const string Id = "marketing:journey-schedules";

    public void Register(IRecurringJobManager jobs) => jobs.AddOrUpdate<JourneyScheduleJob>(Id, job => job.RunAsync(CancellationToken.None), Cron.Minutely());

    /// <returns>How many people it enrolled.</returns>
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        List<LiveJourney> scheduled;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            scheduled = (await versions.LiveAsync(db, cancellationToken)).Where(j => j.Definition.Trigger is { Type: JourneyTriggerTypes.Schedule, SegmentId: not null, At: not null }).ToList();
        }

        var enrolled = 0;
        foreach (var journey in scheduled)
        {
            enrolled += await RunOneAsync(journey, cancellationToken);
        }

        if (enrolled > 0)
        {
            wakeUp.Wake();
        }

        return enrolled;
    }

    /// <summary>The latest occurrence at or before <paramref name="now"/>, or null before the first.</summary>
    public static DateTimeOffset? LatestOccurrence(JourneyTrigger trigger, DateTimeOffset now)
    {
        var first = trigger.At!.Value;
        if (first > now)
        {
            return null;
        }

        var step = trigger.Repeat switch { "daily" => TimeSpan.FromDays(1), "weekly" => TimeSpan.FromDays(7), _ => (TimeSpan?)null };
        return step is { } every ? first + (every * Math.Floor((now - first) / every)) : first;
    }

    private async Task<int> RunOneAsync(LiveJourney journey, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (LatestOccurrence(journey.Definition.Trigger!, now) is not { } occurrence)
        {
            return 0;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var name = $"journeys:schedule:{journey.Id:N}";
        var publishedAt = await db.Set<JourneyVersion>().Where(v => v.JourneyId == journey.Id && v.Version == journey.Version).Select(v => v.PublishedAt).SingleAsync(cancellationToken);
        // Starts at the publication: an occurrence before it (a first time in the past) is not run.
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO mkt_checkpoints (name, position, updated_at) VALUES ({name}, {publishedAt.ToUnixTimeSeconds() - 1}, {now}) ON CONFLICT DO NOTHING", cancellationToken);
        var checkpoint = (await db.Set<MarketingCheckpoint>().FromSql($"SELECT * FROM mkt_checkpoints WHERE name = {name} FOR UPDATE").ToListAsync(cancellationToken)).Single();
        if (occurrence.ToUnixTimeSeconds() <= checkpoint.Position || occurrence < publishedAt.AddMinutes(-1))
        {
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }

        var members = await profiles.SegmentMembersAsync(db, journey.Definition.Trigger!.SegmentId!.Value, cancellationToken);
        var enrolled = await JourneyBulkEnrolment.EnrolAsync(db, journey, members, $"schedule:{occurrence.ToUnixTimeSeconds()}:", now, cancellationToken);
        (checkpoint.Position, checkpoint.UpdatedAt) = (occurrence.ToUnixTimeSeconds(), now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return enrolled;
    }
}
