using System.Text.Json.Nodes;
using CrmCdp.Web.Modules.Cdp.Contracts;
using CrmCdp.Web.Platform.Email;
using Microsoft.Extensions.Options;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

/// <summary>
/// Moves due people along their journeys, a batch in one transaction with their rows locked (<c>SKIP LOCKED</c>, so
/// workers and instances share the work): for each, the goal is checked first, then steps run until a wait or the end.
/// Each step's effect (an email in the outbox, a CRM task) commits with its step-run row, unique per visit, so no effect
/// happens twice; a step that throws rolls back that person alone (a savepoint) and is tried again a minute later.
/// </summary>
[SystemAccess("Journeys run the steps a marketer published, for the people their triggers enrolled.")]
internal sealed partial class JourneyStepper(
    IDbContextFactory<AppDbContext> dbFactory, JourneyVersions versions, ICdpProfilesForMarketing profiles, JourneyStepActions actions,
    EmailOutbox outbox, IOptions<JourneyOptions> options, TimeProvider timeProvider, ILogger<JourneyStepper> logger)
{
    private const int MaxStepsAtOnce = 50;

    /// <summary>
    /// Takes up to <see cref="JourneyOptions.BatchSize"/> due people in one transaction (one commit, one outbox wake-up per
    /// batch). When a person's step throws, the batch is rolled back and taken again with each person in a savepoint of
    /// their own: the one who failed is rolled back alone and tried again a minute later, the others go on. Answers how
    /// many were taken up.
    /// </summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var (taken, failedBatch) = await RunBatchAsync(null, cancellationToken);
        return failedBatch is null ? taken : (await RunBatchAsync(failedBatch, cancellationToken)).Taken;
    }

    /// <param name="isolated">The ids of a batch that failed, taken again one savepoint per person; null for the next due batch, taken whole.</param>
    /// <returns>How many were taken up, or the ids of the batch when one of them failed (nothing of it committed).</returns>
    private async Task<(int Taken, long[]? FailedBatch)> RunBatchAsync(long[]? isolated, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Savepoints are placed here (per person, and only when isolating), not around every SaveChanges.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var batch = Math.Max(1, options.Value.BatchSize);
        long[] only = isolated ?? [];
        var due = await db.Set<JourneyEnrolment>().FromSql($"""
            SELECT e.* FROM mkt_journey_enrolments e
            WHERE e.status = 'active' AND e.next_run_at <= {now} AND (cardinality({only}) = 0 OR e.id = ANY({only}))
              AND EXISTS (SELECT 1 FROM mkt_journeys j WHERE j.id = e.journey_id AND j.status = 'live')
            ORDER BY e.next_run_at LIMIT {batch}
            FOR UPDATE OF e SKIP LOCKED
            """).ToListAsync(cancellationToken);
        var emailQueued = false;
        foreach (var enrolment in due)
        {
            if (isolated is null)
            {
                try
                {
                    emailQueued |= await AdvanceAsync(db, enrolment, now, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    await transaction.RollbackAsync(CancellationToken.None);
                    return (0, [.. due.Select(d => d.Id)]);
                }

                continue;
            }

            if (db.Entry(enrolment).State == EntityState.Detached)
            {
                db.Attach(enrolment);
            }

            await transaction.CreateSavepointAsync("person", cancellationToken);
            try
            {
                emailQueued |= await AdvanceAsync(db, enrolment, now, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.ReleaseSavepointAsync("person", cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await transaction.RollbackToSavepointAsync("person", CancellationToken.None);
                // What this person's step added is gone with the savepoint; the others' rows were saved already.
                db.ChangeTracker.Clear();
                LogStepFailed(e, enrolment.Id, enrolment.StepId);
                await RecordErrorAsync(db, enrolment.Id, e, now, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        if (emailQueued)
        {
            outbox.Wake();
        }

        return (due.Count, null);
    }

    private async Task<bool> AdvanceAsync(AppDbContext db, JourneyEnrolment enrolment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var definition = await versions.GetAsync(db, enrolment.JourneyId, enrolment.Version, cancellationToken)
            ?? throw new InvalidOperationException($"Journey {enrolment.JourneyId} has no version {enrolment.Version}.");
        var path = JsonNode.Parse(enrolment.Path) as JsonArray ?? [];
        var profile = await profiles.LoadAsync(db, enrolment.ProfileId, cancellationToken);
        if (profile is null)
        {
            End(enrolment, EnrolmentStatuses.Exited, now, path, "profile_gone");
            return false;
        }

        if (definition.Goal?.Event is { } goal && await profiles.PerformedSinceAsync(db, profile.Id, goal, enrolment.EnteredAt, cancellationToken))
        {
            End(enrolment, EnrolmentStatuses.Goal, now, path, "goal");
            return false;
        }

        var emailQueued = false;
        for (var taken = 0; taken < MaxStepsAtOnce && enrolment.Status == EnrolmentStatuses.Active; taken++)
        {
            var step = definition.Step(enrolment.StepId) ?? throw new InvalidOperationException($"Step '{enrolment.StepId}' is not in version {enrolment.Version}.");
            var result = await actions.RunAsync(db, enrolment, definition, step, profile, now, cancellationToken);
            if (result.Waiting)
            {
                enrolment.Path = path.ToJsonString();
                return emailQueued;
            }

            var visit = path.Count(p => p?["step"]?.GetValue<string>() == step.Id) + 1;
            db.Add(new JourneyStepRun { EnrolmentId = enrolment.Id, JourneyId = enrolment.JourneyId, StepId = step.Id!, Visit = visit, Outcome = result.Outcome, At = now });
            path.Add(new JsonObject { ["step"] = step.Id, ["at"] = now, ["outcome"] = result.Outcome });
            emailQueued |= result.EmailQueued;
            if (result.Exit || result.Next is null)
            {
                End(enrolment, result.Exit ? EnrolmentStatuses.Exited : EnrolmentStatuses.Completed, now, path, null);
                return emailQueued;
            }

            (enrolment.StepId, enrolment.StepSince, enrolment.NextRunAt) = (result.Next, now, now);
        }

        enrolment.Path = path.ToJsonString();
        return emailQueued;
    }

    private static void End(JourneyEnrolment enrolment, string status, DateTimeOffset now, JsonArray path, string? outcome)
    {
        if (outcome is not null)
        {
            path.Add(new JsonObject { ["step"] = enrolment.StepId, ["at"] = now, ["outcome"] = outcome });
        }

        (enrolment.Status, enrolment.EndedAt, enrolment.WaitUntil, enrolment.Path) = (status, now, null, path.ToJsonString());
    }

    private async Task RecordErrorAsync(AppDbContext db, long enrolmentId, Exception error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var message = error.Message.Length > 1000 ? error.Message[..1000] : error.Message;
        var maxErrors = Math.Max(1, options.Value.MaxErrors);
        await db.Set<JourneyEnrolment>().Where(e => e.Id == enrolmentId && e.Status == EnrolmentStatuses.Active).ExecuteUpdateAsync(set => set
            .SetProperty(e => e.Errors, e => e.Errors + 1)
            .SetProperty(e => e.LastError, message)
            .SetProperty(e => e.NextRunAt, now.AddMinutes(1))
            .SetProperty(e => e.Status, e => e.Errors + 1 >= maxErrors ? EnrolmentStatuses.Failed : EnrolmentStatuses.Active)
            .SetProperty(e => e.EndedAt, e => e.Errors + 1 >= maxErrors ? now : null), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journey step {StepId} failed for enrolment {EnrolmentId}; it is tried again in a minute")]
    private partial void LogStepFailed(Exception exception, long enrolmentId, string stepId);
}
