using System.Text.Json.Nodes;
using CrmCdp.Web.Modules.Cdp.Contracts;
using CrmCdp.Web.Modules.Crm.Contracts;
using CrmCdp.Web.Modules.Marketing.Email;
using CrmCdp.Web.Platform.Email;
using Microsoft.Extensions.Options;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

/// <summary>
/// Moves one due person along their journey, in one transaction with the row locked (<c>SKIP LOCKED</c>, so instances
/// share the work): the goal is checked first, then steps run until a wait or the end. Each step's effect (an email in the
/// outbox, a CRM task) commits with its step-run row, unique per visit, so no effect happens twice; a step that throws
/// rolls everything back and is tried again a minute later.
/// </summary>
[SystemAccess("Journeys run the steps a marketer published, for the people their triggers enrolled.")]
internal sealed partial class JourneyStepper(
    IDbContextFactory<AppDbContext> dbFactory, JourneyVersions versions, ICdpProfilesForMarketing profiles, ICrmSalesTasks tasks, ICrmContactsForMarketing contacts,
    MarketingEmails emails,
    EmailOutbox outbox, IOptions<JourneyOptions> options, TimeProvider timeProvider, ILogger<JourneyStepper> logger)
{
    private const int MaxStepsAtOnce = 50;

    private sealed record StepResult(string Outcome, string? Next, bool Waiting = false, bool Exit = false, bool EmailQueued = false);

    /// <summary>Answers false when nobody is due.</summary>
    public async Task<bool> RunNextAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var due = await db.Set<JourneyEnrolment>().FromSql($"""
            SELECT e.* FROM mkt_journey_enrolments e
            WHERE e.status = 'active' AND e.next_run_at <= {now}
              AND EXISTS (SELECT 1 FROM mkt_journeys j WHERE j.id = e.journey_id AND j.status = 'live')
            ORDER BY e.next_run_at LIMIT 1
            FOR UPDATE OF e SKIP LOCKED
            """).ToListAsync(cancellationToken);
        if (due is not [var enrolment])
        {
            return false;
        }

        bool emailQueued;
        try
        {
            emailQueued = await AdvanceAsync(db, enrolment, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            LogStepFailed(e, enrolment.Id, enrolment.StepId);
            await RecordErrorAsync(enrolment.Id, e, now, cancellationToken);
            return true;
        }

        if (emailQueued)
        {
            outbox.Wake();
        }

        return true;
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
            var result = await RunStepAsync(db, enrolment, definition, step, profile, now, cancellationToken);
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

    private async Task<StepResult> RunStepAsync(
        AppDbContext db, JourneyEnrolment enrolment, JourneyDefinition definition, JourneyStep step, MarketingProfile profile, DateTimeOffset now, CancellationToken cancellationToken)
    {
        switch (step.Type)
        {
            case JourneyStepTypes.SendEmail when QuietUntil(definition, profile, now) is { } allowed:
                // Not a skip: the person waits at this step until sending is allowed again.
                enrolment.NextRunAt = allowed;
                return new StepResult("quiet_hours", null, Waiting: true);
            case JourneyStepTypes.SendEmail:
                var sent = await emails.QueueAsync(db, profile, step.TemplateId!.Value, new MarketingSendContext(enrolment.JourneyId, step.Id), cancellationToken);
                return new StepResult(sent.EmailId is null ? SkipReasons.Outcome(sent.Skipped) : "sent", step.Next, EmailQueued: sent.EmailId is not null);
            case JourneyStepTypes.Wait when enrolment.WaitUntil is null:
                enrolment.WaitUntil = now + step.Duration!.ToTimeSpan()!.Value;
                enrolment.NextRunAt = enrolment.WaitUntil.Value;
                return new StepResult("waiting", null, Waiting: true);
            case JourneyStepTypes.Wait:
                enrolment.WaitUntil = null;
                return new StepResult("done", step.Next);
            case JourneyStepTypes.Branch:
                return await profiles.MatchesAsync(db, profile.Id, step.Condition!.Value, cancellationToken) ? new StepResult("then", step.Then) : new StepResult("else", step.Else);
            case JourneyStepTypes.CreateTask when profile.ContactId is { } contactId:
                var taskId = await tasks.AddFollowUpAsync(db, contactId, step.Title!, $"From the journey “{definition.Name}”, step {step.Id}.",
                    now.AddDays(step.DueInDays ?? 1), cancellationToken);
                return new StepResult(taskId is null ? SkipReasons.Outcome(SkipReasons.NoContact) : "created", step.Next);
            case JourneyStepTypes.CreateTask or JourneyStepTypes.AddTag when profile.ContactId is null:
                return new StepResult(SkipReasons.Outcome(SkipReasons.NoContact), step.Next);
            case JourneyStepTypes.AddTag:
                return new StepResult(await contacts.AddTagAsync(db, profile.ContactId!.Value, step.Tag!, cancellationToken) ? "tagged" : "already_tagged", step.Next);
            case JourneyStepTypes.Exit:
                return new StepResult("exit", null, Exit: true);
            default:
                throw new InvalidOperationException($"Step '{step.Id}' has the type '{step.Type}', which the runner does not know.");
        }
    }

    /// <summary>When sending is next allowed, if not now.</summary>
    private static DateTimeOffset? QuietUntil(JourneyDefinition definition, MarketingProfile profile, DateTimeOffset now)
    {
        if (definition.Sending is not { } sending)
        {
            return null;
        }

        var zone = SendWindow.ZoneOf(profile.Traits.GetValueOrDefault("timezone"), sending.TimeZone);
        var allowed = SendWindow.NextAllowed(now, zone, JourneySending.Time(sending.QuietFrom), JourneySending.Time(sending.QuietTo), sending.BusinessDaysOnly);
        return allowed > now ? allowed : null;
    }

    private static void End(JourneyEnrolment enrolment, string status, DateTimeOffset now, JsonArray path, string? outcome)
    {
        if (outcome is not null)
        {
            path.Add(new JsonObject { ["step"] = enrolment.StepId, ["at"] = now, ["outcome"] = outcome });
        }

        (enrolment.Status, enrolment.EndedAt, enrolment.WaitUntil, enrolment.Path) = (status, now, null, path.ToJsonString());
    }

    private async Task RecordErrorAsync(long enrolmentId, Exception error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
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
