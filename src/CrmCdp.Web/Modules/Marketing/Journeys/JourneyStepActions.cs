using System.Text.Json.Nodes;
using CrmCdp.Web.Modules.Cdp.Contracts;
using CrmCdp.Web.Modules.Crm.Contracts;
using CrmCdp.Web.Modules.Marketing.Email;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

/// <summary>What a step did for a person: its outcome (recorded on the path), where they go next, and whether they wait here or leave.</summary>
internal sealed record StepResult(string Outcome, string? Next, bool Waiting = false, bool Exit = false, bool EmailQueued = false);

/// <summary>
/// Runs one step for one person in the stepper's transaction. Waiting steps may be taken up early (an event arrived, or the
/// goal's event): each decides again from the clock and the events whether to wait on.
/// </summary>
[SystemAccess("Journeys run the steps a marketer published, for the people their triggers enrolled.")]
internal sealed class JourneyStepActions(
    ICdpProfilesForMarketing profiles, ICrmSalesTasks tasks, ICrmContactsForMarketing contacts, IDestinationsForMarketing destinations, MarketingEmails emails)
{
    public async Task<StepResult> RunAsync(
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
            case JourneyStepTypes.Wait:
                return Wait(enrolment, step, profile, now);
            case JourneyStepTypes.WaitUntilEvent:
                return await WaitForEventAsync(db, enrolment, step, now, cancellationToken);
            case JourneyStepTypes.Branch:
                return await profiles.MatchesAsync(db, profile.Id, step.Condition!.Value, cancellationToken) ? new StepResult("then", step.Then) : new StepResult("else", step.Else);
            case JourneyStepTypes.CreateTask or JourneyStepTypes.AddTag when profile.ContactId is null:
                return new StepResult(SkipReasons.Outcome(SkipReasons.NoContact), step.Next);
            case JourneyStepTypes.CreateTask:
                return await CreateTaskAsync(db, enrolment, definition, step, profile.ContactId!.Value, now, cancellationToken);
            case JourneyStepTypes.AddTag:
                return new StepResult(await contacts.AddTagAsync(db, profile.ContactId!.Value, step.Tag!, cancellationToken) ? "tagged" : "already_tagged", step.Next);
            case JourneyStepTypes.UpdateField when step.Target == JourneyFields.Profile:
                await profiles.SetTraitAsync(db, profile.Id, step.Field!, step.Value, cancellationToken);
                return new StepResult("updated", step.Next);
            case JourneyStepTypes.UpdateField when profile.ContactId is null:
                return new StepResult(SkipReasons.Outcome(SkipReasons.NoContact), step.Next);
            case JourneyStepTypes.UpdateField:
                var refused = await contacts.UpdateFieldAsync(db, profile.ContactId!.Value, step.Field!, step.Value, cancellationToken);
                return new StepResult(refused is null ? "updated" : SkipReasons.Outcome(refused), step.Next);
            case JourneyStepTypes.Webhook:
                var body = new JsonObject
                {
                    ["type"] = "journey.step",
                    ["timestamp"] = now,
                    ["journey"] = new JsonObject { ["id"] = enrolment.JourneyId, ["name"] = definition.Name, ["version"] = enrolment.Version, ["stepId"] = step.Id },
                };
                var notSent = await destinations.SendAsync(db, step.DestinationId!.Value, profile.Id, body, cancellationToken);
                return new StepResult(notSent is null ? "sent" : SkipReasons.Outcome(notSent), step.Next);
            case JourneyStepTypes.Exit:
                return new StepResult("exit", null, Exit: true);
            default:
                throw new InvalidOperationException($"Step '{step.Id}' has the type '{step.Type}', which the runner does not know.");
        }
    }

    /// <summary>A duration, a moment, or the moment in a trait; a moment already past (or a trait with no date) goes on at once.</summary>
    private static StepResult Wait(JourneyEnrolment enrolment, JourneyStep step, MarketingProfile profile, DateTimeOffset now)
    {
        if (enrolment.WaitUntil is null)
        {
            DateTimeOffset? until = step.Duration?.ToTimeSpan() is { } duration ? now + duration
                : step.Until ?? (step.UntilTrait is { } trait ? TraitMoment(profile.Traits.GetValueOrDefault(trait)) : null);
            if (until is null || until <= now)
            {
                return new StepResult(until is null ? "no_date" : "done", step.Next);
            }

            enrolment.WaitUntil = until;
        }

        if (enrolment.WaitUntil > now)
        {
            enrolment.NextRunAt = enrolment.WaitUntil.Value;
            return new StepResult("waiting", null, Waiting: true);
        }

        enrolment.WaitUntil = null;
        return new StepResult("done", step.Next);
    }

    /// <summary>Goes on by <c>next</c> once the event has come since the person reached the step, or by <c>onTimeout</c> when the timeout passes first.</summary>
    private async Task<StepResult> WaitForEventAsync(AppDbContext db, JourneyEnrolment enrolment, JourneyStep step, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await profiles.PerformedSinceAsync(db, enrolment.ProfileId, step.EventCondition(), enrolment.StepSince, cancellationToken))
        {
            enrolment.WaitUntil = null;
            return new StepResult("event", step.Next);
        }

        enrolment.WaitUntil ??= now + step.Timeout!.ToTimeSpan()!.Value;
        if (enrolment.WaitUntil > now)
        {
            enrolment.NextRunAt = enrolment.WaitUntil.Value;
            return new StepResult("waiting", null, Waiting: true);
        }

        enrolment.WaitUntil = null;
        return new StepResult("timeout", step.OnTimeout);
    }

    private async Task<StepResult> CreateTaskAsync(
        AppDbContext db, JourneyEnrolment enrolment, JourneyDefinition definition, JourneyStep step, Guid contactId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Guid? assignee = null;
        if (step.AssignTo is { Mode: "round_robin", TeamId: { } teamId })
        {
            // Nobody in the team can take it (all away): the contact's owner gets it rather than no one.
            assignee = await JourneyRoundRobin.TakeTurnAsync(db, tasks, enrolment.JourneyId, step.Id!, teamId, cancellationToken);
        }

        var taskId = await tasks.AddFollowUpAsync(db, contactId, step.Title!, $"From the journey “{definition.Name}”, step {step.Id}.",
            now.AddDays(step.DueInDays ?? 1), SalesTaskOrigins.Journey, assignee, cancellationToken);
        return new StepResult(taskId is null ? SkipReasons.Outcome(SkipReasons.NoContact) : "created", step.Next);
    }

    private static DateTimeOffset? TraitMoment(object? value) =>
        value is string text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var moment)
            ? moment : null;

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
}
