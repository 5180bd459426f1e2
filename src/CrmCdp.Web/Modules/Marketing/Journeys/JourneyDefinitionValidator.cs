using System.Text.Json;
using System.Text.RegularExpressions;
using CrmCdp.Web.Modules.Cdp.Contracts;
using CrmCdp.Web.Modules.Crm.Contracts;
using CrmCdp.Web.Platform.Email;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

/// <summary>
/// Refuses a journey that could not run as written, naming the step: an unknown step type, a way to a step that does not
/// exist, a loop with no wait in it (it would spin), a template, segment or condition that is not there or not valid.
/// </summary>
[SystemAccess("Validation of a definition the caller's service is already allowed to change.")]
internal sealed partial class JourneyDefinitionValidator(ICdpProfilesForMarketing profiles, IDestinationsForMarketing destinations, ICrmSalesTasks tasks)
{
    private const int MaxSteps = 100;

    public async Task<Dictionary<string, string[]>> ValidateAsync(AppDbContext db, JourneyDefinition? definition, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string key, string message) => errors[key] = errors.TryGetValue(key, out var existing) ? [.. existing, message] : [message];
        if (definition is null)
        {
            Add("definition", "Send the journey's definition.");
            return errors;
        }

        if (string.IsNullOrWhiteSpace(definition.Name) || definition.Name.Length > 200)
        {
            Add("name", "Give the journey a name of at most 200 characters.");
        }

        await CheckTriggerAsync(db, definition.Trigger, Add, cancellationToken);
        var steps = definition.Steps ?? [];
        if (steps.Count == 0 || steps.Count > MaxSteps)
        {
            Add("steps", $"A journey has between 1 and {MaxSteps} steps.");
            return errors;
        }

        var ids = steps.Select(s => s.Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            await CheckStepAsync(db, steps, i, ids, Add, cancellationToken);
        }

        if (string.IsNullOrEmpty(definition.Start) || !ids.Contains(definition.Start))
        {
            Add("start", $"The start step '{definition.Start}' is not one of the steps.");
        }

        if (LoopWithoutWait(steps) is { } looping)
        {
            Add($"steps[{steps.FindIndex(s => s.Id == looping)}]", $"Step '{looping}' is on a loop with no wait step in it; a person would go round it forever.");
        }

        if (definition.Goal is { } goal && (string.IsNullOrWhiteSpace(goal.Event) || goal.Event.Length > 200))
        {
            Add("goal.event", "The goal names the event that ends the journey (at most 200 characters).");
        }

        if (definition.Reentry is { } reentry && !(reentry.Mode is null or "never" || (reentry.Mode == "after" && reentry.Days is >= 1 and <= 3650)))
        {
            Add("reentry", "Re-entry is { \"mode\": \"never\" } or { \"mode\": \"after\", \"days\": 1–3650 }.");
        }

        if (definition.Sending is { } sending)
        {
            CheckSending(sending, Add);
        }

        return errors;
    }

    private static void CheckSending(JourneySending sending, Action<string, string> add)
    {
        foreach (var (field, text) in new[] { ("quietFrom", sending.QuietFrom), ("quietTo", sending.QuietTo) })
        {
            if (text is not null && JourneySending.Time(text) is null)
            {
                add($"sending.{field}", "Give quiet hours as HH:mm, e.g. 21:00.");
            }
        }

        if ((sending.QuietFrom is null) != (sending.QuietTo is null))
        {
            add("sending", "Quiet hours need both quietFrom and quietTo.");
        }

        if (sending.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            add("sending.timeZone", $"'{zone}' is not a time zone; use an IANA id such as Europe/Paris.");
        }
    }

    private async Task CheckTriggerAsync(AppDbContext db, JourneyTrigger? trigger, Action<string, string> add, CancellationToken cancellationToken)
    {
        switch (trigger?.Type)
        {
            case JourneyTriggerTypes.SegmentEntered or JourneyTriggerTypes.Schedule when trigger.SegmentId is { } segmentId:
                if (!await profiles.SegmentExistsAsync(db, segmentId, cancellationToken))
                {
                    add("trigger.segmentId", $"There is no segment {segmentId}.");
                }

                break;
            case JourneyTriggerTypes.SegmentEntered or JourneyTriggerTypes.Schedule:
                add("trigger.segmentId", $"A {trigger.Type} trigger names the segment whose people enter.");
                break;
            case JourneyTriggerTypes.Event when string.IsNullOrWhiteSpace(trigger.Event) || trigger.Event.Length > 200:
                add("trigger.event", "An event trigger names the event (at most 200 characters).");
                break;
            case JourneyTriggerTypes.Event:
                foreach (var (key, messages) in await profiles.CheckConditionAsync(db, trigger.EventCondition(), "trigger", cancellationToken))
                {
                    add(key, string.Join(" ", messages));
                }

                break;
            case JourneyTriggerTypes.Crm when !JourneyCrmChanges.All.Contains(trigger.Change):
                add("trigger.change", $"A crm trigger names the change: one of {string.Join(", ", JourneyCrmChanges.All)}.");
                break;
            case JourneyTriggerTypes.Crm when (trigger.Stage is { Length: > 200 } || trigger.Pipeline is { Length: > 200 }):
                add("trigger.stage", "A stage or pipeline name has at most 200 characters.");
                break;
            case JourneyTriggerTypes.Crm when trigger.Stage is not null && trigger.Change != "deal.stage_changed":
                add("trigger.stage", "Only a deal.stage_changed trigger filters on the stage.");
                break;
            default:
                if (trigger?.Type is not (JourneyTriggerTypes.Crm or JourneyTriggerTypes.Schedule))
                {
                    add("trigger.type", $"The trigger's type must be one of {string.Join(", ", JourneyTriggerTypes.All)}.");
                }

                break;
        }

        if (trigger?.Type == JourneyTriggerTypes.Schedule)
        {
            if (trigger.At is null)
            {
                add("trigger.at", "A schedule trigger gives the time people enter, e.g. \"2026-12-24T09:00:00Z\".");
            }

            if (trigger.Repeat is not (null or "daily" or "weekly"))
            {
                add("trigger.repeat", "A schedule repeats daily or weekly, or is left out to run once.");
            }
        }
    }

    private async Task CheckStepAsync(AppDbContext db, List<JourneyStep> steps, int index, HashSet<string> ids, Action<string, string> add, CancellationToken cancellationToken)
    {
        var step = steps[index];
        var at = $"steps[{index}]";
        var name = $"Step '{step.Id}'";
        if (string.IsNullOrEmpty(step.Id) || !StepId().IsMatch(step.Id))
        {
            add($"{at}.id", "Each step has an id of 1–40 letters, digits, '-' or '_'.");
        }
        else if (steps.Count(s => s.Id == step.Id) > 1)
        {
            add($"{at}.id", $"{name} appears more than once; step ids are unique.");
        }

        if (!JourneyStepTypes.Available.Contains(step.Type))
        {
            add($"{at}.type", $"{name} has the unknown type '{step.Type}'; use one of {string.Join(", ", JourneyStepTypes.Available)}.");
            return;
        }

        foreach (var (field, target) in step.Exits)
        {
            if (target is not null && !ids.Contains(target))
            {
                add($"{at}.{field}", $"{name} goes to '{target}', which is not one of the steps.");
            }
        }

        await CheckStepFieldsAsync(db, step, at, name, add, cancellationToken);
    }

    private async Task CheckStepFieldsAsync(AppDbContext db, JourneyStep step, string at, string name, Action<string, string> add, CancellationToken cancellationToken)
    {
        switch (step.Type)
        {
            case JourneyStepTypes.SendEmail when step.TemplateId is not { } templateId || !await db.Set<EmailTemplate>().AnyAsync(t => t.Id == templateId, cancellationToken):
                add($"{at}.templateId", $"{name} needs an existing email template.");
                break;
            case JourneyStepTypes.Wait:
                CheckWait(step, at, name, add);
                break;
            case JourneyStepTypes.WaitUntilEvent when string.IsNullOrWhiteSpace(step.Event) || step.Event.Length > 200:
                add($"{at}.event", $"{name} names the event it waits for (at most 200 characters).");
                break;
            case JourneyStepTypes.WaitUntilEvent when !ValidDuration(step.Timeout):
                add($"{at}.timeout", $"{name} gives up after a timeout of 1 or more seconds, minutes, hours or days, e.g. {{ \"amount\": 3, \"unit\": \"days\" }}.");
                break;
            case JourneyStepTypes.WaitUntilEvent:
                foreach (var (key, messages) in await profiles.CheckConditionAsync(db, step.EventCondition(), at, cancellationToken))
                {
                    add(key, $"{name}: {string.Join(" ", messages)}");
                }

                break;
            case JourneyStepTypes.Branch when step.Condition is not { } condition:
                add($"{at}.condition", $"{name} needs a condition (the segment definition JSON).");
                break;
            case JourneyStepTypes.Branch:
                foreach (var (key, messages) in await profiles.CheckConditionAsync(db, step.Condition!.Value, $"{at}.condition", cancellationToken))
                {
                    add(key, $"{name}: {string.Join(" ", messages)}");
                }

                break;
            case JourneyStepTypes.CreateTask:
                await CheckTaskAsync(db, step, at, name, add, cancellationToken);
                break;
            case JourneyStepTypes.AddTag when string.IsNullOrWhiteSpace(step.Tag) || step.Tag.Trim().Length > 50:
                add($"{at}.tag", $"{name} needs a tag of 1 to 50 characters.");
                break;
            case JourneyStepTypes.UpdateField:
                CheckUpdateField(step, at, name, add);
                break;
            case JourneyStepTypes.Webhook when step.DestinationId is not { } destinationId || !await destinations.ExistsAsync(db, destinationId, cancellationToken):
                add($"{at}.destinationId", $"{name} needs an existing webhook destination.");
                break;
        }
    }

    private async Task CheckTaskAsync(AppDbContext db, JourneyStep step, string at, string name, Action<string, string> add, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(step.Title) || step.Title.Length > 300)
        {
            add($"{at}.title", $"{name} needs a task title of at most 300 characters.");
        }

        if (step.DueInDays is < 0 or > 365)
        {
            add($"{at}.dueInDays", $"{name}: the task is due 0–365 days after the step.");
        }

        switch (step.AssignTo)
        {
            case null or { Mode: null or "owner", TeamId: null }:
                break;
            case { Mode: "round_robin", TeamId: { } teamId }:
                if (!await tasks.TeamExistsAsync(db, teamId, cancellationToken))
                {
                    add($"{at}.assignTo.teamId", $"{name}: there is no team {teamId}.");
                }

                break;
            default:
                add($"{at}.assignTo", $"{name}: assign to {{ \"mode\": \"owner\" }} or {{ \"mode\": \"round_robin\", \"teamId\": \"…\" }}.");
                break;
        }
    }

    private static void CheckWait(JourneyStep step, string at, string name, Action<string, string> add)
    {
        var given = new object?[] { step.Duration, step.Until, step.UntilTrait }.Count(v => v is not null);
        if (given != 1)
        {
            add($"{at}.duration", $"{name} waits for a duration, until a moment (until) or until the date in a trait (untilTrait): give exactly one.");
        }
        else if (step.Duration is not null && !ValidDuration(step.Duration))
        {
            add($"{at}.duration", $"{name} waits an amount of 1 or more seconds, minutes, hours or days, e.g. {{ \"amount\": 1, \"unit\": \"minutes\" }}.");
        }
        else if (step.UntilTrait is { } trait && (string.IsNullOrWhiteSpace(trait) || trait.Length > 100))
        {
            add($"{at}.untilTrait", $"{name} names the trait holding the date (at most 100 characters).");
        }
    }

    private static void CheckUpdateField(JourneyStep step, string at, string name, Action<string, string> add)
    {
        if (step.Target is not (JourneyFields.Contact or JourneyFields.Profile))
        {
            add($"{at}.target", $"{name} updates a field of the contact (\"contact\") or a trait of the profile (\"profile\").");
        }
        else if (step.Target == JourneyFields.Contact && !ContactFieldNames.IsKnown(step.Field))
        {
            add($"{at}.field", $"{name}: a contact field is one of {string.Join(", ", ContactFieldNames.Fixed)} or custom.{{key}}.");
        }
        else if (step.Target == JourneyFields.Profile && (string.IsNullOrWhiteSpace(step.Field) || step.Field.Length > 100 || step.Field.Contains('.', StringComparison.Ordinal)))
        {
            add($"{at}.field", $"{name} names the trait to set (1–100 characters, no dots).");
        }

        if (step.Value is { } value && value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            add($"{at}.value", $"{name} sets a text, a number, true/false or null, not an object or a list.");
        }
    }

    private static bool ValidDuration(JourneyDuration? duration) => duration is { Amount: >= 1 and <= 100_000 } && duration.ToTimeSpan() is not null;

    /// <summary>A step on a cycle that passes no wait step, or null. Waits break cycles: time passes on each round.</summary>
    private static string? LoopWithoutWait(List<JourneyStep> steps)
    {
        var byId = steps.Where(s => s.Id is not null).GroupBy(s => s.Id!).ToDictionary(g => g.Key, g => g.First());
        var state = new Dictionary<string, int>();
        string? Visit(string id)
        {
            if (!byId.TryGetValue(id, out var step) || step.Waits)
            {
                return null;
            }

            if (state.TryGetValue(id, out var seen))
            {
                return seen == 1 ? id : null;
            }

            state[id] = 1;
            foreach (var (_, target) in step.Exits)
            {
                if (target is not null && Visit(target) is { } looping)
                {
                    return looping;
                }
            }

            state[id] = 2;
            return null;
        }

        return byId.Keys.Select(Visit).FirstOrDefault(l => l is not null);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex StepId();
}
